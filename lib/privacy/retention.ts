import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";

/**
 * Retention (issue 17): clients' contact details are kept while they may be
 * used, and erased a number of months after the last fieldwork that could use
 * them; the anonymous answers stay. A sample's fieldwork ends at the latest of
 * its draw, its last call attempt or online outcome, and its invitations' expiry.
 *
 * Erased after `months`:
 * - the frame's phone, email and name of clients whose latest contact is older
 *   than the cut-off and who are in no sample whose fieldwork ended after it;
 * - the outbox's addresses and links (the message's sealed "to" and personalisation)
 *   of samples whose fieldwork ended before it, and of feedback requests
 *   (issue 14) whose link expired before it;
 * - respondents' x_ columns (kept as they came from a file, so possibly
 *   personal) of interviews before it;
 * - the rows of import error reports of imports that finished before it
 *   (their counts stay on the import).
 */
export type RetentionResult = {
  cutoff: string;
  months: number;
  dryRun: boolean;
  frameClients: number;
  outboxMessages: number;
  respondentExtras: number;
  importErrors: number;
};

/** One run of a retention rule: its clock, its period in months, whether it only counts, and who ran it (null: the scheduled job). */
export type RetentionRun = { now: Date; months: number; dryRun: boolean; actorId: string | null };

/** What the outbox shows for an erased message's address. */
export const ERASED = "[erased]";

/** The instant `months` calendar months before `now` (UTC). */
export function monthsBefore(now: Date, months: number): Date {
  const at = new Date(now.getTime());
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

export async function eraseExpiredContactDetails({ now, months, dryRun, actorId }: RetentionRun): Promise<RetentionResult> {
  const cutoff = monthsBefore(now, months);
  return db().$transaction(
    async (tx) => {
      // Samples whose fieldwork ended on or after the cut-off still need their clients' details.
      await tx.$executeRaw`
        CREATE TEMP TABLE retention_live_sample ON COMMIT DROP AS
        SELECT s.id
        FROM "Sample" s
        LEFT JOIN "SampleCase" c ON c."sampleId" = s.id
        LEFT JOIN "CallAttempt" a ON a."sampleCaseId" = c.id
        LEFT JOIN "Invitation" i ON i."sampleCaseId" = c.id
        GROUP BY s.id, s."drawnAt"
        HAVING GREATEST(s."drawnAt", COALESCE(MAX(a."startedAt"), s."drawnAt"), COALESCE(MAX(a."endedAt"), s."drawnAt"), COALESCE(MAX(i."expiresAt"), s."drawnAt")) >= ${cutoff}`;
      await tx.$executeRaw`
        CREATE TEMP TABLE retention_client ON COMMIT DROP AS
        SELECT f.id
        FROM "FrameClient" f
        WHERE f."personal" IS NOT NULL
          AND f."contactDate" < ${cutoff}::date
          AND NOT EXISTS (SELECT 1 FROM "SampleCase" c JOIN retention_live_sample l ON l.id = c."sampleId" WHERE c."clientId" = f.id)`;
      // Outbox messages to erase: a sample's invitations and reminders, or a feedback request's text.
      await tx.$executeRaw`
        CREATE TEMP TABLE retention_message ON COMMIT DROP AS
        SELECT m.id FROM "OutboxMessage" m
          JOIN "Invitation" i ON i.id = m."invitationId"
          JOIN "SampleCase" c ON c.id = i."sampleCaseId"
        WHERE m."personal" IS NOT NULL AND c."sampleId" NOT IN (SELECT id FROM retention_live_sample)
        UNION ALL
        SELECT m.id FROM "OutboxMessage" m
          JOIN "FeedbackRequest" r ON r.id = m."feedbackRequestId"
        WHERE m."personal" IS NOT NULL AND r."expiresAt" < ${cutoff}`;
      const [{ frameClients, outboxMessages, respondentExtras, importErrors }] = await tx.$queryRaw<
        { frameClients: number; outboxMessages: number; respondentExtras: number; importErrors: number }[]
      >`
        SELECT
          (SELECT count(*)::int FROM retention_client) AS "frameClients",
          (SELECT count(*)::int FROM retention_message) AS "outboxMessages",
          (SELECT count(*)::int FROM "SurveyRespondent" WHERE extra IS NOT NULL AND "interviewDate" < ${cutoff}::date) AS "respondentExtras",
          (SELECT count(*)::int FROM "FrameImportError" e JOIN "FrameImport" fi ON fi.id = e."importId" WHERE fi."finishedAt" < ${cutoff})
            + (SELECT count(*)::int FROM "ResponseImportError" e JOIN "ResponseImport" ri ON ri.id = e."importId" WHERE ri."finishedAt" < ${cutoff}) AS "importErrors"`;
      const result: RetentionResult = { cutoff: cutoff.toISOString(), months, dryRun, frameClients, outboxMessages, respondentExtras, importErrors };
      if (dryRun) return result;

      await tx.$executeRaw`
        UPDATE "FrameClient" SET "personal" = NULL, "hasPhone" = false, "hasMobile" = false, "hasEmail" = false, "updatedAt" = ${now}
        WHERE id IN (SELECT id FROM retention_client)`;
      await tx.$executeRaw`UPDATE "OutboxMessage" SET "personal" = NULL WHERE id IN (SELECT id FROM retention_message)`;
      await tx.$executeRaw`UPDATE "SurveyRespondent" SET extra = NULL WHERE extra IS NOT NULL AND "interviewDate" < ${cutoff}::date`;
      await tx.$executeRaw`DELETE FROM "FrameImportError" e USING "FrameImport" fi WHERE fi.id = e."importId" AND fi."finishedAt" < ${cutoff}`;
      await tx.$executeRaw`DELETE FROM "ResponseImportError" e USING "ResponseImport" ri WHERE ri.id = e."importId" AND ri."finishedAt" < ${cutoff}`;
      await recordAuditEvent(tx, { actorId, action: "personal-data.retention", details: { ...result } });
      return result;
    },
    { timeout: 600_000 },
  );
}

export type AuditPruneResult = { before: string; months: number; dryRun: boolean; deleted: number };

/** Deletes audit events older than `months` (the table refuses any other delete), and records that it did. */
export async function pruneAuditLog({ now, months, dryRun, actorId }: RetentionRun): Promise<AuditPruneResult> {
  const before = monthsBefore(now, months);
  return db().$transaction(
    async (tx) => {
      const [{ count }] = await tx.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "AuditEvent" WHERE "at" < ${before}`;
      const result: AuditPruneResult = { before: before.toISOString(), months, dryRun, deleted: count };
      if (dryRun || count === 0) return result;
      // The append-only trigger lets this transaction delete events before this instant only.
      await tx.$executeRaw`SELECT set_config('fieldwork.audit_prune_before', ${before.toISOString().replace("Z", "")}, true)`;
      await tx.$executeRaw`DELETE FROM "AuditEvent" WHERE "at" < ${before}`;
      await tx.$executeRaw`SELECT set_config('fieldwork.audit_prune_before', '', true)`;
      await recordAuditEvent(tx, { actorId, action: "audit.pruned", details: { ...result } });
      return result;
    },
    { timeout: 600_000 },
  );
}
