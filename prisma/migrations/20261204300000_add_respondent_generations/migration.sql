-- Results' respondent cache (lib/results/db/respondent-store.ts): a generation per
-- survey and questionnaire version, bumped by triggers in the same transaction as
-- any change to SurveyRespondent (an import, a completed interview projected by
-- lib/cati or lib/cawi, a correction, a deletion), so every instance of the app
-- sees a stale cache on its next request, whichever path made the change.
CREATE TABLE "RespondentGeneration" (
    "survey" "Survey" NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "generation" BIGINT NOT NULL,
    "respondents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RespondentGeneration_pkey" PRIMARY KEY ("survey","questionnaireVersion")
);

-- Statement-level: one bump per (survey, version) a statement touched, however many rows.
-- The generation is the changing transaction's id: never reused, so a cached
-- generation can only match the data it was read with.
-- Each row also counts its respondents (the results page's coverage, without a scan).
CREATE FUNCTION respondent_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
    SELECT "survey", "questionnaireVersion", txid_current(), count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("survey", "questionnaireVersion") DO UPDATE SET "generation" = EXCLUDED."generation",
      "respondents" = "RespondentGeneration"."respondents" + EXCLUDED."respondents";
  END IF;
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
    SELECT "survey", "questionnaireVersion", txid_current(), -count(*) FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT ("survey", "questionnaireVersion") DO UPDATE SET "generation" = EXCLUDED."generation",
      "respondents" = "RespondentGeneration"."respondents" + EXCLUDED."respondents";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER respondent_generation_insert AFTER INSERT ON "SurveyRespondent"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION respondent_generation_bump();
CREATE TRIGGER respondent_generation_update AFTER UPDATE ON "SurveyRespondent"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION respondent_generation_bump();
CREATE TRIGGER respondent_generation_delete AFTER DELETE ON "SurveyRespondent"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION respondent_generation_bump();

-- Respondents already there.
INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
SELECT "survey", "questionnaireVersion", txid_current(), count(*) FROM "SurveyRespondent" GROUP BY 1, 2;
