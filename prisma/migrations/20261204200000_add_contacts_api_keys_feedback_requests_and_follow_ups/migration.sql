-- Real-time customer feedback and service recovery (issue 14, lib/feedback).

-- AlterEnum
ALTER TYPE "OutboxKind" ADD VALUE 'FEEDBACK_REQUEST';

-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('CONTACTS_WRITE');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('PHONE', 'WEBCHAT', 'EMAIL', 'LETTER', 'PORTAL');

-- CreateEnum
CREATE TYPE "FeedbackRequestState" AS ENUM ('WAITING', 'ASKED', 'EXCLUDED');

-- CreateEnum
CREATE TYPE "FollowUpResolution" AS ENUM ('RESOLVED', 'COULD_NOT_RESOLVE', 'COULD_NOT_REACH');

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "feedbackRequestId" UUID,
ALTER COLUMN "invitationId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" "ApiKeyScope"[],
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedById" UUID,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" BIGSERIAL NOT NULL,
    "contactRef" TEXT NOT NULL,
    "service" "Service" NOT NULL,
    "clientRef" TEXT NOT NULL,
    "channel" "ContactChannel" NOT NULL,
    "contactAt" TIMESTAMP(3) NOT NULL,
    "reason" "ContactReason" NOT NULL,
    "teamCode" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiKeyId" UUID,
    "requestState" "FeedbackRequestState" NOT NULL DEFAULT 'WAITING',
    "exclusion" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "id" UUID NOT NULL,
    "contactId" BIGINT NOT NULL,
    "service" "Service" NOT NULL,
    "clientRef" TEXT NOT NULL,
    "channel" "InvitationChannel" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "rating" INTEGER,
    "comment" TEXT,
    "callBack" BOOLEAN,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "FeedbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" UUID NOT NULL,
    "feedbackRequestId" UUID NOT NULL,
    "lowRating" BOOLEAN NOT NULL,
    "callBackAsked" BOOLEAN NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "claimedById" UUID,
    "claimedAt" TIMESTAMP(3),
    "resolution" "FollowUpResolution",
    "resolutionNote" TEXT,
    "closedAt" TIMESTAMP(3),
    "closedById" UUID,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpAttempt" (
    "id" BIGSERIAL NOT NULL,
    "followUpId" UUID NOT NULL,
    "byId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,

    CONSTRAINT "FollowUpAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_feedbackRequestId_idx" ON "OutboxMessage"("feedbackRequestId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "ApiKey_createdById_idx" ON "ApiKey"("createdById");

-- CreateIndex
CREATE INDEX "ApiKey_revokedById_idx" ON "ApiKey"("revokedById");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_contactRef_key" ON "Contact"("contactRef");

-- CreateIndex
CREATE INDEX "Contact_requestState_contactAt_idx" ON "Contact"("requestState", "contactAt");

-- CreateIndex
CREATE INDEX "Contact_apiKeyId_idx" ON "Contact"("apiKeyId");

-- CreateIndex
CREATE INDEX "Contact_contactAt_idx" ON "Contact"("contactAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRequest_contactId_key" ON "FeedbackRequest"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackRequest_tokenHash_key" ON "FeedbackRequest"("tokenHash");

-- CreateIndex
CREATE INDEX "FeedbackRequest_service_clientRef_sentAt_idx" ON "FeedbackRequest"("service", "clientRef", "sentAt");

-- CreateIndex
CREATE INDEX "FeedbackRequest_answeredAt_idx" ON "FeedbackRequest"("answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_feedbackRequestId_key" ON "FollowUp"("feedbackRequestId");

-- CreateIndex
CREATE INDEX "FollowUp_closedAt_dueAt_idx" ON "FollowUp"("closedAt", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_claimedById_idx" ON "FollowUp"("claimedById");

-- CreateIndex
CREATE INDEX "FollowUp_closedById_idx" ON "FollowUp"("closedById");

-- CreateIndex
CREATE INDEX "FollowUpAttempt_followUpId_at_idx" ON "FollowUpAttempt"("followUpId", "at");

-- CreateIndex
CREATE INDEX "FollowUpAttempt_byId_idx" ON "FollowUpAttempt"("byId");

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_feedbackRequestId_fkey" FOREIGN KEY ("feedbackRequestId") REFERENCES "FeedbackRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_feedbackRequestId_fkey" FOREIGN KEY ("feedbackRequestId") REFERENCES "FeedbackRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAttempt" ADD CONSTRAINT "FollowUpAttempt_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpAttempt" ADD CONSTRAINT "FollowUpAttempt_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A message belongs to an invitation or to a feedback request, never both, never neither.
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_one_owner" CHECK (("invitationId" IS NULL) <> ("feedbackRequestId" IS NULL));
-- RTCF-1's rating scale (questionnaires.md: 1-5, our choice).
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_rating_range" CHECK ("rating" IS NULL OR "rating" BETWEEN 1 AND 5);
