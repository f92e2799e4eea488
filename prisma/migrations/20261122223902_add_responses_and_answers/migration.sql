-- CreateEnum
CREATE TYPE "QuestionnaireSurvey" AS ENUM ('CMS', 'OPTIONS', 'CES', 'RTCF');

-- CreateEnum
CREATE TYPE "QuestionnaireVersionStatus" AS ENUM ('IN_USE', 'RETIRED');

-- CreateEnum
CREATE TYPE "InterviewMode" AS ENUM ('PHONE', 'ONLINE');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('IN_PROGRESS', 'COMPLETE', 'BROKEN_OFF');

-- CreateTable
CREATE TABLE "QuestionnaireVersion" (
    "id" TEXT NOT NULL,
    "survey" "QuestionnaireSurvey" NOT NULL,
    "status" "QuestionnaireVersionStatus" NOT NULL DEFAULT 'IN_USE',
    "contentHash" TEXT NOT NULL,
    "firstUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionnaireVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Response" (
    "id" UUID NOT NULL,
    "versionId" TEXT NOT NULL,
    "mode" "InterviewMode" NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "sampleCaseId" UUID,
    "caseAttributes" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" BIGSERIAL NOT NULL,
    "responseId" UUID NOT NULL,
    "questionId" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "mode" "InterviewMode" NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredById" UUID,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerHistory" (
    "id" BIGSERIAL NOT NULL,
    "responseId" UUID NOT NULL,
    "questionId" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "previousValue" JSONB,
    "mode" "InterviewMode" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "byId" UUID,
    "revision" INTEGER NOT NULL,

    CONSTRAINT "AnswerHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Response_sampleCaseId_key" ON "Response"("sampleCaseId");

-- CreateIndex
CREATE INDEX "Response_versionId_status_idx" ON "Response"("versionId", "status");

-- CreateIndex
CREATE INDEX "Answer_answeredById_idx" ON "Answer"("answeredById");

-- CreateIndex
CREATE UNIQUE INDEX "Answer_responseId_questionId_key" ON "Answer"("responseId", "questionId");

-- CreateIndex
CREATE INDEX "AnswerHistory_responseId_questionId_at_idx" ON "AnswerHistory"("responseId", "questionId", "at");

-- CreateIndex
CREATE INDEX "AnswerHistory_byId_idx" ON "AnswerHistory"("byId");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerHistory_responseId_revision_key" ON "AnswerHistory"("responseId", "revision");

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "QuestionnaireVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Response" ADD CONSTRAINT "Response_sampleCaseId_fkey" FOREIGN KEY ("sampleCaseId") REFERENCES "SampleCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerHistory" ADD CONSTRAINT "AnswerHistory_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "Response"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerHistory" ADD CONSTRAINT "AnswerHistory_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- "AnswerHistory" is append-only (every change of an answer is kept): UPDATE,
-- DELETE and TRUNCATE are refused by triggers, as for "AuditEvent".
CREATE FUNCTION "AnswerHistory_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AnswerHistory is append-only'
    USING DETAIL = format('%s on "AnswerHistory" is not allowed.', TG_OP);
END;
$$;

CREATE TRIGGER "AnswerHistory_no_update_delete"
  BEFORE UPDATE OR DELETE ON "AnswerHistory"
  FOR EACH ROW EXECUTE FUNCTION "AnswerHistory_append_only"();

CREATE TRIGGER "AnswerHistory_no_truncate"
  BEFORE TRUNCATE ON "AnswerHistory"
  FOR EACH STATEMENT EXECUTE FUNCTION "AnswerHistory_append_only"();
