-- Issue 16: a first import COPYs its respondents with the generation triggers
-- disabled (capturing a million rows as a transition table cost about a third
-- of the COPY) and then notes what it wrote (lib/results/db/first-load.ts). So
-- that the rule is written once, the triggers and the first import both call
-- respondent_generation_note: it bumps the (survey, version) generation and its
-- respondent count, and logs a change of more than 10,000 respondents as one
-- "read the version again" row; it returns true when the caller is to log the
-- respondents one by one instead. (Written by hand, as the migrations before
-- it: prisma/migrations.db.test.ts holds them equal to schema.prisma.)
CREATE FUNCTION respondent_generation_note(s "Survey", v TEXT, changed BIGINT, delta BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "RespondentGeneration" ("survey", "questionnaireVersion", "generation", "respondents")
  VALUES (s, v, txid_current(), delta)
  ON CONFLICT ("survey", "questionnaireVersion") DO UPDATE SET "generation" = EXCLUDED."generation",
    "respondents" = "RespondentGeneration"."respondents" + EXCLUDED."respondents";
  IF changed > 10000 THEN
    DELETE FROM "RespondentChange" WHERE "survey" = s AND "questionnaireVersion" = v;
    INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId") VALUES (txid_current(), s, v, NULL);
    RETURN FALSE;
  END IF;
  RETURN TRUE;
END $$;

CREATE OR REPLACE FUNCTION respondent_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g RECORD;
BEGIN
  IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
    FOR g IN SELECT "survey" AS s, "questionnaireVersion" AS v, count(*) AS n FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      IF respondent_generation_note(g.s, g.v, g.n, g.n) THEN
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId")
        SELECT txid_current(), g.s, g.v, "id" FROM new_rows WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
      END IF;
    END LOOP;
  END IF;
  IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
    FOR g IN SELECT "survey" AS s, "questionnaireVersion" AS v, count(*) AS n FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2 LOOP
      IF respondent_generation_note(g.s, g.v, g.n, -g.n) THEN
        INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId")
        SELECT txid_current(), g.s, g.v, "id" FROM old_rows WHERE "survey" = g.s AND "questionnaireVersion" = g.v;
      END IF;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
