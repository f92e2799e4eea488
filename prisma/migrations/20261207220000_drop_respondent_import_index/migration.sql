-- Issue 16: nothing reads respondents by their import, and the product never
-- deletes an import (were one deleted, clearing its respondents' importId would
-- scan the table); every first or large import of a million respondents built
-- this index. (Written by hand, as the migrations before it.)
DROP INDEX "SurveyRespondent_importId_idx";
