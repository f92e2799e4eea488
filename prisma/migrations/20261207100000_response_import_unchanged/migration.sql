-- Issue 16: a respondent a later import names again with exactly the values it
-- already has is left as it is (not rewritten: no new row version, its import
-- and updatedAt stay those of the import that last changed it) and counted
-- "unchanged" rather than "updated". (Written by hand, as the migrations before
-- it: prisma/migrations.db.test.ts holds it equal to schema.prisma.)
ALTER TABLE "ResponseImport" ADD COLUMN "unchanged" INTEGER NOT NULL DEFAULT 0;
