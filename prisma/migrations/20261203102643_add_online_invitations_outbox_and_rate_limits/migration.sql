-- CreateEnum
CREATE TYPE "InvitationChannel" AS ENUM ('EMAIL', 'SMS', 'LETTER');

-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'WITHDRAWN', 'QUOTA_FULL');

-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('INVITATION', 'REMINDER');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'LOCAL', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "CallAttempt" ADD COLUMN     "mode" "InterviewMode" NOT NULL DEFAULT 'PHONE',
ALTER COLUMN "interviewerId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "sampleCaseId" UUID NOT NULL,
    "channel" "InvitationChannel" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "accessCodeHash" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "status" "InvitationStatus" NOT NULL DEFAULT 'ACTIVE',
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastReminderAt" TIMESTAMP(3),
    "firstOpenedAt" TIMESTAMP(3),
    "lastOpenedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" BIGSERIAL NOT NULL,
    "invitationId" UUID NOT NULL,
    "channel" "InvitationChannel" NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "to" TEXT NOT NULL,
    "personalisation" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL,
    "notifyId" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_sampleCaseId_key" ON "Invitation"("sampleCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_tokenHash_key" ON "Invitation"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_accessCodeHash_key" ON "Invitation"("accessCodeHash");

-- CreateIndex
CREATE INDEX "Invitation_status_sentAt_idx" ON "Invitation"("status", "sentAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_invitationId_idx" ON "OutboxMessage"("invitationId");

-- CreateIndex
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_sampleCaseId_fkey" FOREIGN KEY ("sampleCaseId") REFERENCES "SampleCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


