-- AlterEnum
ALTER TYPE "InvitationStatus" ADD VALUE 'EXPIRED';

-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'SENDING';

-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "reminderTokenHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_reminderTokenHash_key" ON "Invitation"("reminderTokenHash");
