-- AlterTable
ALTER TABLE "SurveyRespondent" ADD COLUMN     "csaClosureLetter" TEXT;
