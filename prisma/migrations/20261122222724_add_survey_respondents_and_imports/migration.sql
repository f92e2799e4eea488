-- CreateEnum
CREATE TYPE "Survey" AS ENUM ('CMS', 'OPTIONS', 'CES');

-- CreateEnum
CREATE TYPE "RespondentSource" AS ENUM ('IMPORT', 'FIELDWORK');

-- CreateEnum
CREATE TYPE "ResponseImportStatus" AS ENUM ('RUNNING', 'COMPLETED', 'REJECTED', 'FAILED');

-- CreateTable
CREATE TABLE "SurveyRespondent" (
    "id" BIGSERIAL NOT NULL,
    "survey" "Survey" NOT NULL,
    "respondentRef" TEXT NOT NULL,
    "questionnaireVersion" TEXT NOT NULL,
    "interviewDate" DATE NOT NULL,
    "mode" "SurveyMode" NOT NULL,
    "role" "ClientRole" NOT NULL,
    "contactReason" "ContactReason" NOT NULL,
    "ageBand" TEXT,
    "gender" TEXT,
    "ethnicity" TEXT,
    "health" TEXT,
    "serviceLength" TEXT,
    "stratum" TEXT,
    "weight" DOUBLE PRECISION,
    "answers" JSONB NOT NULL,
    "extra" JSONB,
    "source" "RespondentSource" NOT NULL,
    "importId" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyRespondent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseImport" (
    "id" BIGSERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "strict" BOOLEAN NOT NULL,
    "status" "ResponseImportStatus" NOT NULL DEFAULT 'RUNNING',
    "byId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "fileError" TEXT,

    CONSTRAINT "ResponseImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResponseImportError" (
    "id" BIGSERIAL NOT NULL,
    "importId" BIGINT NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "ResponseImportError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TargetSet" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetSet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyRespondent_survey_interviewDate_idx" ON "SurveyRespondent"("survey", "interviewDate");

-- CreateIndex
CREATE INDEX "SurveyRespondent_importId_idx" ON "SurveyRespondent"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyRespondent_survey_respondentRef_key" ON "SurveyRespondent"("survey", "respondentRef");

-- CreateIndex
CREATE INDEX "ResponseImport_startedAt_idx" ON "ResponseImport"("startedAt");

-- CreateIndex
CREATE INDEX "ResponseImport_byId_idx" ON "ResponseImport"("byId");

-- CreateIndex
CREATE INDEX "ResponseImportError_importId_line_idx" ON "ResponseImportError"("importId", "line");

-- CreateIndex
CREATE UNIQUE INDEX "TargetSet_name_key" ON "TargetSet"("name");

-- CreateIndex
CREATE INDEX "TargetSet_createdById_idx" ON "TargetSet"("createdById");

-- AddForeignKey
ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "SurveyRespondent_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ResponseImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseImport" ADD CONSTRAINT "ResponseImport_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResponseImportError" ADD CONSTRAINT "ResponseImportError_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ResponseImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TargetSet" ADD CONSTRAINT "TargetSet_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
