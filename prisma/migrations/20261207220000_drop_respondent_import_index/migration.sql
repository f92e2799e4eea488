-- Issue 16: nothing reads respondents by their import, and the product never
-- deletes an import (were one deleted, clearing its respondents' importId would
-- scan the table); every first or large import of a million respondents built
-- this index.
-- (The statement is the one `npm run db:migration` writes for the schema change.)
DROP INDEX "SurveyRespondent_importId_idx";
