-- Issue 16: a later frame import writes one ClientContact row per replaced
-- contact (145,000 for the benchmark's 250,000-row file), and the foreign key
-- to FrameImport checked each of them with a row-level trigger: about a fifth of the
-- merge's history step, for the one import row the merge itself holds. Import
-- records are never deleted (they are the import log), so "importId" stays as
-- the import's tag, indexed, without the constraint.
-- (Written by hand: prisma/migrations.db.test.ts holds it equal to schema.prisma.)
ALTER TABLE "ClientContact" DROP CONSTRAINT "ClientContact_importId_fkey";
