-- CES samples (issue 13): a sample's survey may be CES, drawn from the CMS
-- frame, and a sample covers a contact month or a calendar quarter.
-- Written by hand: the WASM schema engine panics diffing a column's enum type
-- change. Every existing sample is CMS or OPTIONS, which "Survey" has too, and
-- a month; the cast keeps them and the unique index is rebuilt with the column.

-- CreateEnum
CREATE TYPE "SamplePeriod" AS ENUM ('MONTH', 'QUARTER');

-- AlterTable
ALTER TABLE "Sample" ALTER COLUMN "survey" TYPE "Survey" USING ("survey"::text::"Survey");
ALTER TABLE "Sample" ADD COLUMN "period" "SamplePeriod" NOT NULL DEFAULT 'MONTH';
