-- Issue 17 (a job runner killed mid-batch): when a sender claimed a message for
-- GOV.UK Notify. A message left SENDING longer than a sender can take is looked
-- up at Notify by its reference (outbox-<id>) and marked SENT, or put back to
-- PENDING if Notify never received it: nothing is sent twice, nothing is lost.
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedAt" TIMESTAMP(3);

-- the follow-up job's look-up of messages left SENDING
CREATE INDEX "OutboxMessage_status_claimedAt_idx" ON "OutboxMessage"("status", "claimedAt");
