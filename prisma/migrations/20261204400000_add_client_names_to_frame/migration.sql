-- Issue 18: the frame's optional title, first_name and last_name (interchange.md §1),
-- filled into the telephone script's introduction. Personal data.
ALTER TABLE "FrameClient" ADD COLUMN "title" TEXT;
ALTER TABLE "FrameClient" ADD COLUMN "firstName" TEXT;
ALTER TABLE "FrameClient" ADD COLUMN "lastName" TEXT;
