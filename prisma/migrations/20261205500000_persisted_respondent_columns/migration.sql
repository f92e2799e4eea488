-- Issue 16: the results' respondent store persisted, so a new process (the CLI,
-- a restarted or added instance) reads a version's typed columns as a few tens of
-- MB of bytes instead of decoding every respondent's JSON answers. One row per
-- (survey, questionnaire version, column): "id" (float64 SurveyRespondent ids,
-- the row order), "day" (int32 period days) and the physical columns of
-- lib/results/respondent-columns.ts (codes into "values", or float64 numbers).
-- Every row of a version carries the generation and snapshot its columns were
-- read at (lib/results/db/persisted-columns.ts writes a version's rows together);
-- a reader at another generation patches them from RespondentChange as it
-- patches its memory, or reads the version again.
-- (Written by hand, as the migrations before it: prisma/migrations.db.test.ts
-- holds it equal to schema.prisma.)
CREATE TABLE "RespondentColumn" (
    "survey" "Survey" NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "generation" BIGINT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "respondents" INTEGER NOT NULL,
    "values" TEXT,
    "data" BYTEA NOT NULL,

    CONSTRAINT "RespondentColumn_pkey" PRIMARY KEY ("survey","questionnaireVersion","column")
);

-- Stored out of line without compression: small codes of 1M respondents are a
-- megabyte, read in one piece; pglz would cost more time than the bytes it saves.
ALTER TABLE "RespondentColumn" ALTER COLUMN "data" SET STORAGE EXTERNAL;
