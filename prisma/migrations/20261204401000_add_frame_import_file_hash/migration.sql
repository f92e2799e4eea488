-- Issue 18: the SHA-256 of an uploaded frame file, so uploading the identical
-- file again is warned about (null for imports from the command line and earlier ones).
ALTER TABLE "FrameImport" ADD COLUMN "fileSha256" TEXT;

-- the upload's "this file was imported before" lookup
CREATE INDEX "FrameImport_fileSha256_idx" ON "FrameImport"("fileSha256");
