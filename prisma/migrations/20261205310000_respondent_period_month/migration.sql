-- Issue 18 (completed interviews landed in the wrong period): a respondent's
-- reporting period, the first day of its month. A monthly survey's period is the
-- contact month its sample drew, so a January 2016 sample's telephone completes
-- are January 2016's whenever they were interviewed; an imported respondent's is
-- the month of its interview date (README "Periods").
-- (Written by hand: the WASM schema engine panicked in `migrate diff` on this
-- machine; prisma/migrations.db.test.ts holds it equal to schema.prisma.)
ALTER TABLE "SurveyRespondent" ADD COLUMN "periodMonth" DATE;

-- Completed fieldwork interviews (respondent_ref "case-<SampleCase.id>"): the
-- sample's month; for a quarterly sample (CES) the client's contact month when it
-- lies in the quarter, else the quarter's first month (sampleContactMonth).
UPDATE "SurveyRespondent" r
SET "periodMonth" = CASE
    WHEN s."period" = 'MONTH' THEN to_date(s."month", 'YYYY-MM')
    WHEN date_trunc('month', c."contactDate") >= to_date(s."month", 'YYYY-MM')
     AND date_trunc('month', c."contactDate") <= to_date(s."month", 'YYYY-MM') + interval '2 months'
      THEN date_trunc('month', c."contactDate")::date
    ELSE to_date(s."month", 'YYYY-MM')
  END
FROM "SampleCase" sc
JOIN "Sample" s ON s."id" = sc."sampleId"
JOIN "FrameClient" c ON c."id" = sc."clientId"
WHERE r."source" = 'FIELDWORK' AND r."respondentRef" = 'case-' || sc."id"::text;

-- Imported respondents (and any fieldwork one without its case): the interview month.
UPDATE "SurveyRespondent" SET "periodMonth" = date_trunc('month', "interviewDate")::date WHERE "periodMonth" IS NULL;

ALTER TABLE "SurveyRespondent" ALTER COLUMN "periodMonth" SET NOT NULL;

-- results: one survey's respondents in a period (coverage, exports, measures answered)
DROP INDEX "SurveyRespondent_survey_interviewDate_idx";
CREATE INDEX "SurveyRespondent_survey_periodMonth_idx" ON "SurveyRespondent"("survey", "periodMonth");
