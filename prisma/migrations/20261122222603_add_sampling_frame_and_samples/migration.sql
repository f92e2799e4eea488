-- CreateEnum
CREATE TYPE "Service" AS ENUM ('CMS', 'OPTIONS');

-- CreateEnum
CREATE TYPE "ClientRole" AS ENUM ('RECEIVING_PARENT', 'PAYING_PARENT', 'MAIN_CARE', 'SOME_OR_NO_CARE', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactReason" AS ENUM ('NEW_APPLICATION', 'CHANGE_OF_CIRCUMSTANCES', 'ARREARS', 'COMPLAINT', 'CASE_CLOSURE', 'ENQUIRY');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('DIRECT_PAY', 'COLLECT_AND_PAY', 'NONE');

-- CreateEnum
CREATE TYPE "SurveyMode" AS ENUM ('PHONE', 'ONLINE', 'MIXED');

-- CreateEnum
CREATE TYPE "AllocationMethod" AS ENUM ('PROPORTIONAL', 'EQUAL', 'FIXED', 'PROPORTIONAL_WITH_MINIMUM');

-- CreateEnum
CREATE TYPE "FrameImportStatus" AS ENUM ('RUNNING', 'COMPLETED', 'REJECTED', 'FAILED');

-- CreateTable
CREATE TABLE "FrameClient" (
    "id" BIGSERIAL NOT NULL,
    "service" "Service" NOT NULL,
    "clientRef" TEXT NOT NULL,
    "role" "ClientRole" NOT NULL,
    "contactReason" "ContactReason" NOT NULL,
    "contactDate" DATE NOT NULL,
    "englishSpeaking" BOOLEAN NOT NULL,
    "potentiallyViolent" BOOLEAN NOT NULL,
    "researchConsent" BOOLEAN NOT NULL,
    "hasAddress" BOOLEAN NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "doNotContact" BOOLEAN NOT NULL DEFAULT false,
    "ageBand" TEXT,
    "gender" "Gender",
    "serviceStartDate" DATE,
    "paymentMethod" "PaymentMethod",
    "csaClosureLetter" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FrameClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientContact" (
    "id" BIGSERIAL NOT NULL,
    "clientId" BIGINT NOT NULL,
    "contactDate" DATE NOT NULL,
    "contactReason" "ContactReason" NOT NULL,
    "role" "ClientRole" NOT NULL,
    "importId" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoNotContactEntry" (
    "id" BIGSERIAL NOT NULL,
    "service" "Service" NOT NULL,
    "clientRef" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "addedById" UUID,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoNotContactEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FrameImport" (
    "id" BIGSERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "strict" BOOLEAN NOT NULL,
    "status" "FrameImportStatus" NOT NULL DEFAULT 'RUNNING',
    "byId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "historyOnly" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "fileError" TEXT,

    CONSTRAINT "FrameImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FrameImportError" (
    "id" BIGSERIAL NOT NULL,
    "importId" BIGINT NOT NULL,
    "line" INTEGER NOT NULL,
    "column" TEXT,
    "message" TEXT NOT NULL,

    CONSTRAINT "FrameImportError_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" UUID NOT NULL,
    "survey" "Service" NOT NULL,
    "month" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "mode" "SurveyMode" NOT NULL,
    "seed" BIGINT NOT NULL,
    "allocationMethod" "AllocationMethod" NOT NULL,
    "requestedSize" INTEGER NOT NULL,
    "minimumPerStratum" INTEGER,
    "allocation" JSONB NOT NULL,
    "waterfall" JSONB NOT NULL,
    "population" INTEGER NOT NULL,
    "eligible" INTEGER NOT NULL,
    "drawn" INTEGER NOT NULL,
    "drawnById" UUID,
    "drawnAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleStratum" (
    "id" BIGSERIAL NOT NULL,
    "sampleId" UUID NOT NULL,
    "stratum" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "contactReason" "ContactReason" NOT NULL,
    "role" "ClientRole" NOT NULL,
    "population" INTEGER NOT NULL,
    "eligible" INTEGER NOT NULL,
    "allocated" INTEGER NOT NULL,
    "drawn" INTEGER NOT NULL,

    CONSTRAINT "SampleStratum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleCase" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sampleId" UUID NOT NULL,
    "stratumId" BIGINT NOT NULL,
    "clientId" BIGINT NOT NULL,
    "mode" "SurveyMode" NOT NULL,
    "designWeight" DOUBLE PRECISION NOT NULL,
    "drawOrder" INTEGER NOT NULL,
    "selectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disposition" TEXT NOT NULL DEFAULT '3.11',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "heldById" UUID,
    "heldUntil" TIMESTAMP(3),
    "nextCallAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SampleCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FrameClient_contactDate_idx" ON "FrameClient"("contactDate");

-- CreateIndex
CREATE UNIQUE INDEX "FrameClient_service_clientRef_key" ON "FrameClient"("service", "clientRef");

-- CreateIndex
CREATE INDEX "ClientContact_contactDate_idx" ON "ClientContact"("contactDate");

-- CreateIndex
CREATE INDEX "ClientContact_importId_idx" ON "ClientContact"("importId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientContact_clientId_contactDate_contactReason_key" ON "ClientContact"("clientId", "contactDate", "contactReason");

-- CreateIndex
CREATE INDEX "DoNotContactEntry_addedById_idx" ON "DoNotContactEntry"("addedById");

-- CreateIndex
CREATE UNIQUE INDEX "DoNotContactEntry_service_clientRef_key" ON "DoNotContactEntry"("service", "clientRef");

-- CreateIndex
CREATE INDEX "FrameImport_startedAt_idx" ON "FrameImport"("startedAt");

-- CreateIndex
CREATE INDEX "FrameImport_byId_idx" ON "FrameImport"("byId");

-- CreateIndex
CREATE INDEX "FrameImportError_importId_line_idx" ON "FrameImportError"("importId", "line");

-- CreateIndex
CREATE INDEX "Sample_drawnById_idx" ON "Sample"("drawnById");

-- CreateIndex
CREATE UNIQUE INDEX "Sample_survey_month_sequence_key" ON "Sample"("survey", "month", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "SampleStratum_sampleId_stratum_key" ON "SampleStratum"("sampleId", "stratum");

-- CreateIndex
CREATE INDEX "SampleCase_clientId_selectedAt_idx" ON "SampleCase"("clientId", "selectedAt");

-- CreateIndex
CREATE INDEX "SampleCase_stratumId_idx" ON "SampleCase"("stratumId");

-- CreateIndex
CREATE INDEX "SampleCase_heldById_idx" ON "SampleCase"("heldById");

-- CreateIndex
CREATE INDEX "SampleCase_sampleId_disposition_idx" ON "SampleCase"("sampleId", "disposition");

-- CreateIndex
CREATE UNIQUE INDEX "SampleCase_sampleId_clientId_key" ON "SampleCase"("sampleId", "clientId");

-- CreateIndex
CREATE INDEX "Setting_updatedById_idx" ON "Setting"("updatedById");

-- AddForeignKey
ALTER TABLE "ClientContact" ADD CONSTRAINT "ClientContact_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "FrameClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientContact" ADD CONSTRAINT "ClientContact_importId_fkey" FOREIGN KEY ("importId") REFERENCES "FrameImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoNotContactEntry" ADD CONSTRAINT "DoNotContactEntry_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameImport" ADD CONSTRAINT "FrameImport_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameImportError" ADD CONSTRAINT "FrameImportError_importId_fkey" FOREIGN KEY ("importId") REFERENCES "FrameImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_drawnById_fkey" FOREIGN KEY ("drawnById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleStratum" ADD CONSTRAINT "SampleStratum_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleCase" ADD CONSTRAINT "SampleCase_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleCase" ADD CONSTRAINT "SampleCase_stratumId_fkey" FOREIGN KEY ("stratumId") REFERENCES "SampleStratum"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleCase" ADD CONSTRAINT "SampleCase_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "FrameClient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleCase" ADD CONSTRAINT "SampleCase_heldById_fkey" FOREIGN KEY ("heldById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Setting" ADD CONSTRAINT "Setting_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
