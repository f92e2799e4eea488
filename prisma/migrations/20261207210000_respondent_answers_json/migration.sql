-- Issue 16: respondents' answers as json (their text, checked as JSON) rather
-- than jsonb. Building jsonb took about a third of a first import's COPY, and
-- nothing queries the answers in SQL but the results' respondent store
-- (lib/results/db/respondent-store.ts), which parses each respondent's answers
-- once when it stores the survey's columns, and the import's comparison of a
-- respondent named again (lib/results/db/import-responses.ts), which compares
-- the text and parses only when the text differs.
-- (The statement is the one `npm run db:migration` writes for the schema change.)
ALTER TABLE "SurveyRespondent" ALTER COLUMN "answers" SET DATA TYPE JSON;
