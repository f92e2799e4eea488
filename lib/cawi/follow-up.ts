import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { onlineOnlyResponseSql, onlineOnlyVersionIds } from "@/lib/cati/db/version-for-case";
import { db } from "@/lib/db/client";
import { cawiEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadResponseState } from "@/lib/responses/load-response-state";
import {
  DEFAULT_FOLLOW_UP_SETTINGS,
  followUpSettingsSchema,
  isExpired,
  isReminderDue,
  isSwitchToTelephoneDue,
  progressOf,
  type FollowUpCandidate,
  type FollowUpSettings,
} from "./follow-up-rules";
import { deliverPending, initialStatus, pendingMessageIds, reconcileUnfinishedSends } from "./sender";
import { surveyBaseUrl } from "./send-invitations";
import { hashSecret, newLinkToken } from "./tokens";
import { formatLongDate } from "@/lib/format";
import { recordWebOutcome } from "./web-outcome";
import { openOutboxPersonal, sealOutboxPersonal } from "@/lib/privacy/personal";

// The follow-up of online invitations, run by the job (lib/jobs) every few
// minutes and on demand by `npm run cli -- reminders run`. The rules are in
// follow-up-rules.ts; here each due step is written with a guard on the state
// it was decided from (status ACTIVE, the reminder count seen, no next call
// yet), so two runners at once, or a run repeated after a crash, do each step
// once. Messages are written first (PENDING) and handed to Notify after
// (sender.ts claims each one before sending it).

export const FOLLOW_UP_SETTINGS_KEY = "cawi.followUp";

export async function getFollowUpSettings(): Promise<FollowUpSettings> {
  const row = await db().setting.findUnique({ where: { key: FOLLOW_UP_SETTINGS_KEY } });
  const parsed = followUpSettingsSchema.safeParse(row?.value ?? DEFAULT_FOLLOW_UP_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_FOLLOW_UP_SETTINGS;
}

export async function saveFollowUpSettings({ actorId, settings }: { actorId: string | null; settings: FollowUpSettings }): Promise<void> {
  const value = followUpSettingsSchema.parse(settings) as unknown as Prisma.InputJsonValue;
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: FOLLOW_UP_SETTINGS_KEY },
      create: { key: FOLLOW_UP_SETTINGS_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAuditEvent(tx, { actorId, action: "setting.changed", entityType: "Setting", entityId: FOLLOW_UP_SETTINGS_KEY, details: value });
  });
}

export interface FollowUpResult {
  reminders: number;
  expired: number;
  switchedToTelephone: number;
  /** messages GOV.UK Notify accepted in this run (0 without a Notify key: the local outbox) */
  delivered: number;
}

interface Row extends FollowUpCandidate {
  invitationId: string;
  caseId: string;
  channel: "EMAIL" | "SMS" | "LETTER";
  /** the invitation's message, sealed (its address); null when erased */
  invitationPersonal: string | null;
}

/** One pass over every active invitation (or one sample's). */
export async function runFollowUp({ now, settings, sampleId }: { now: Date; settings?: FollowUpSettings; sampleId?: string }): Promise<FollowUpResult> {
  const rules = settings ?? (await getFollowUpSettings());
  const env = cawiEnv();
  const base = surveyBaseUrl();
  // Active invitations of unfinished cases: completed, refused, withdrawn and
  // closed-by-quota cases are final or their invitation is closed.
  const rows = await db().$queryRaw<Row[]>`
    SELECT i."id"::text AS "invitationId", sc."id"::text AS "caseId", i."channel"::text AS "channel", s."mode"::text AS "sampleMode",
           c."hasPhone",
           i."sentAt", i."expiresAt", i."remindersSent", i."lastReminderAt",
           (sc."mode" <> 'ONLINE') AS "inTelephoneQueue",
           ${Prisma.raw(onlineOnlyResponseSql("sc"))} AS "onlineOnlyResponse",
           (SELECT m."personal" FROM "OutboxMessage" m WHERE m."invitationId" = i."id" AND m."kind" = 'INVITATION' ORDER BY m."id" LIMIT 1) AS "invitationPersonal"
    FROM "Invitation" i JOIN "SampleCase" sc ON sc."id" = i."sampleCaseId" JOIN "Sample" s ON s."id" = sc."sampleId" JOIN "FrameClient" c ON c."id" = sc."clientId"
    WHERE i."status" = 'ACTIVE' AND NOT sc."final" AND (${sampleId ?? null}::uuid IS NULL OR sc."sampleId" = ${sampleId ?? null}::uuid)
    ORDER BY i."sentAt", i."id"`;

  const result: FollowUpResult = { reminders: 0, expired: 0, switchedToTelephone: 0, delivered: 0 };
  for (const row of rows) {
    const c: FollowUpCandidate = row;
    if (isSwitchToTelephoneDue(c, rules, now) && (await switchToTelephone(row, now))) result.switchedToTelephone += 1;
    if (isExpired(c, now)) {
      if (await closeExpired(row, now)) result.expired += 1;
    } else if (isReminderDue(c, rules, now) && (await writeReminder(row, { now, base, status: initialStatus(row.channel, env) }))) {
      result.reminders += 1;
    }
  }
  // Every PENDING message, including any a crashed run left behind, after the
  // messages a killed sender left SENDING are settled with Notify.
  await reconcileUnfinishedSends({ now, env });
  result.delivered = await deliverPending(await pendingMessageIds(), { now, env });
  return result;
}

/**
 * The link expired: the invitation is closed. A case that can be reached no
 * other way — still ONLINE (an ONLINE sample's, a MIXED one's without a
 * telephone number), or begun in an online-only wording — is closed too, with
 * the web disposition of how far the respondent got (expiryDisposition), in its
 * call history. A MIXED case in the telephone queue goes on there.
 */
async function closeExpired(row: Row, now: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id: row.invitationId, status: "ACTIVE" }, data: { status: "EXPIRED", closedAt: now } });
    if (count !== 1) return false;
    const [sc] = await tx.$queryRaw<{ onlineOnly: boolean }[]>`
      SELECT (sc."mode" = 'ONLINE' OR ${Prisma.raw(onlineOnlyResponseSql("sc"))}) AS "onlineOnly"
      FROM "SampleCase" sc WHERE sc."id" = ${row.caseId}::uuid AND NOT sc."final" FOR UPDATE`;
    if (!sc?.onlineOnly) return true;
    const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: row.invitationId }, select: { firstOpenedAt: true } });
    const response = await tx.response.findUnique({ where: { sampleCaseId: row.caseId }, select: { id: true } });
    const state = response ? await loadResponseState(response.id, tx) : null;
    await recordWebOutcome(tx, {
      caseId: row.caseId,
      outcome: "WEB_LINK_EXPIRED",
      progress: {
        opened: invitation.firstOpenedAt !== null,
        ...(state ? progressOf(state) : { answeredSomething: false, partialThresholdReached: false }),
      },
      now,
    });
    if (response) await tx.response.updateMany({ where: { id: response.id, status: "IN_PROGRESS" }, data: { status: "BROKEN_OFF" } });
    return true;
  });
}

/**
 * No response online: the case becomes MIXED with a next call time now, which
 * puts it in the telephone queue (the next-case query's fresh_released arm).
 * Its link keeps working; completing online takes it out of the queue again.
 */
async function switchToTelephone(row: Row, now: Date): Promise<boolean> {
  return db().$transaction(async (tx) => {
    // Not if the respondent has begun an online-only version meanwhile (isSwitchToTelephoneDue).
    const { count } = await tx.sampleCase.updateMany({
      where: { id: row.caseId, mode: "ONLINE", final: false, NOT: { response: { is: { versionId: { in: onlineOnlyVersionIds() } } } } },
      data: { mode: "MIXED", nextCallAt: now },
    });
    if (count === 1)
      await recordAuditEvent(tx, {
        actorId: null,
        action: "case.switched_to_telephone",
        entityType: "SampleCase",
        entityId: row.caseId,
        details: { invitationId: row.invitationId, remindersSent: row.remindersSent },
      });
    return count === 1;
  });
}

/**
 * One reminder, written once: the invitation's count moves from the value seen
 * to the next in the same transaction as the message. Email and text carry a new
 * link (only its hash kept; the invitation's own link keeps working); a letter
 * reminder points to /start and the access code of the first letter (never stored).
 */
async function writeReminder(row: Row, { now, base, status }: { now: Date; base: string; status: "LOCAL" | "PENDING" }): Promise<boolean> {
  const to = (await openOutboxPersonal(row.invitationPersonal))?.to;
  if (!to) return false;
  const token = row.channel === "LETTER" ? null : newLinkToken();
  return db().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: row.invitationId, status: "ACTIVE", remindersSent: row.remindersSent },
      data: { remindersSent: row.remindersSent + 1, lastReminderAt: now, ...(token ? { reminderTokenHash: hashSecret(token) } : {}) },
    });
    if (count !== 1) return false;
    const personalisation: Record<string, string> = {
      ...(token ? { link: `${base}/s/${token}` } : {}),
      start_url: `${base}/start`,
      expiry_date: formatLongDate(row.expiresAt),
      reminder_number: String(row.remindersSent + 1),
    };
    await tx.outboxMessage.create({
      data: {
        invitationId: row.invitationId,
        channel: row.channel,
        kind: "REMINDER",
        personal: await sealOutboxPersonal({ to, personalisation }),
        status,
        createdAt: now,
      },
    });
    return true;
  });
}
