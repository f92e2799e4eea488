-- AlterTable
ALTER TABLE "SampleCase" ADD COLUMN     "appointmentAt" TIMESTAMP(3),
ADD COLUMN     "appointmentById" UUID,
ADD COLUMN     "catiState" JSONB,
ADD COLUMN     "final" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "refusalConversion" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CallAttempt" (
    "id" BIGSERIAL NOT NULL,
    "sampleCaseId" UUID NOT NULL,
    "interviewerId" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "outcome" TEXT,
    "disposition" TEXT,
    "appointmentAt" TIMESTAMP(3),

    CONSTRAINT "CallAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CallAttempt_sampleCaseId_startedAt_idx" ON "CallAttempt"("sampleCaseId", "startedAt");

-- CreateIndex
CREATE INDEX "CallAttempt_interviewerId_outcome_endedAt_idx" ON "CallAttempt"("interviewerId", "outcome", "endedAt");

-- CreateIndex
CREATE INDEX "SampleCase_final_appointmentAt_idx" ON "SampleCase"("final", "appointmentAt");

-- CreateIndex
CREATE INDEX "SampleCase_final_nextCallAt_drawOrder_id_idx" ON "SampleCase"("final", "nextCallAt", "drawOrder", "id");

-- CreateIndex
CREATE INDEX "SampleCase_final_attempts_drawOrder_id_idx" ON "SampleCase"("final", "attempts", "drawOrder", "id");

-- CreateIndex
CREATE INDEX "SampleCase_appointmentById_appointmentAt_idx" ON "SampleCase"("appointmentById", "appointmentAt");

-- AddForeignKey
ALTER TABLE "SampleCase" ADD CONSTRAINT "SampleCase_appointmentById_fkey" FOREIGN KEY ("appointmentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_sampleCaseId_fkey" FOREIGN KEY ("sampleCaseId") REFERENCES "SampleCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_interviewerId_fkey" FOREIGN KEY ("interviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
