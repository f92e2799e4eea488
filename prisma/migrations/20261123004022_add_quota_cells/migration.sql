-- AlterTable
ALTER TABLE "Sample" ADD COLUMN     "quotaCountsPartials" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "QuotaCell" (
    "id" BIGSERIAL NOT NULL,
    "sampleId" UUID NOT NULL,
    "stratumId" BIGINT NOT NULL,
    "target" INTEGER NOT NULL,
    "completes" INTEGER NOT NULL DEFAULT 0,
    "partials" INTEGER NOT NULL DEFAULT 0,
    "closedAt" TIMESTAMP(3),
    "closedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaCell_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QuotaCell_stratumId_key" ON "QuotaCell"("stratumId");

-- CreateIndex
CREATE INDEX "QuotaCell_sampleId_idx" ON "QuotaCell"("sampleId");

-- CreateIndex
CREATE INDEX "QuotaCell_closedById_idx" ON "QuotaCell"("closedById");

-- AddForeignKey
ALTER TABLE "QuotaCell" ADD CONSTRAINT "QuotaCell_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaCell" ADD CONSTRAINT "QuotaCell_stratumId_fkey" FOREIGN KEY ("stratumId") REFERENCES "SampleStratum"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaCell" ADD CONSTRAINT "QuotaCell_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Business rules the schema language cannot say: targets and counts are never negative.
ALTER TABLE "QuotaCell" ADD CONSTRAINT "QuotaCell_counts_check" CHECK ("target" >= 0 AND "completes" >= 0 AND "partials" >= 0);
