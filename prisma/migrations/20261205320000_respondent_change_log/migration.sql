-- Issue 16: the results' respondent store (lib/results/db/respondent-store.ts)
-- re-reads only the respondents that changed. The generation triggers also log,
-- per statement, which respondents a small change touched (a completed
-- interview, a correction); a change of more than 10,000 respondents of a version
-- (an import) logs one row without a respondent ("read the version again") and
-- drops the version's entries before it, which no reader needs any more: a
-- reader that had not seen them cannot have seen that row either.
-- (Written by hand, as the migrations before it: prisma/migrations.db.test.ts
-- holds it equal to schema.prisma.)
CREATE TABLE "RespondentChange" (
    "id" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL,
    "survey" "Survey" NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "respondentId" BIGINT,

    CONSTRAINT "RespondentChange_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "RespondentChange_survey_questionnaireVersion_idx" ON "RespondentChange"("survey", "questionnaireVersion");

-- As before, one generation bump per (survey, version) a statement touched, in
-- (survey, version) order; and now the log beside it.
CREATE OR REPLACE FUNCTION respondent_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g RECORD;
BEGIN
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    FOR g IN SELECT "survey" AS s, "questionnaireVersion" AS v, count(*) AS n FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
      VALUES (g.s, g.v, txid_current(), g.n)
      ON CONFLICT ("survey", "questionnaireVersion") DO UPDATE SET "generation" = EXCLUDED."generation",
        "respondents" = "RespondentGeneration"."respondents" + EXCLUDED."respondents";
      IF g.n > 10000 THEN
        DELETE FROM "RespondentChange" WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId") VALUES (txid_current(), g.s, g.v, NULL);
      ELSE
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId")
        SELECT txid_current(), g.s, g.v, "id" FROM new_rows WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
      END IF;
    END LOOP;
  END IF;
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    FOR g IN SELECT "survey" AS s, "questionnaireVersion" AS v, count(*) AS n FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
      VALUES (g.s, g.v, txid_current(), -g.n)
      ON CONFLICT ("survey", "questionnaireVersion") DO UPDATE SET "generation" = EXCLUDED."generation",
        "respondents" = "RespondentGeneration"."respondents" + EXCLUDED."respondents";
      IF g.n > 10000 THEN
        DELETE FROM "RespondentChange" WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId") VALUES (txid_current(), g.s, g.v, NULL);
      ELSE
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId")
        SELECT txid_current(), g.s, g.v, "id" FROM old_rows WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
