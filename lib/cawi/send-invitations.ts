import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { cawiEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { QUOTA_CELL_OPEN_SQL } from "@/lib/cati/db/quotas";
import { channelFor, type Channel } from "./channel";
import { onlineVersionForCase } from "./online-version";
import { deliverPending, initialStatus } from "./sender";
import { hashAccessCode, hashSecret, newAccessCode, newLinkToken } from "./tokens";
import { formatLongDate } from "@/lib/format";
import { openClientPersonal, sealOutboxPersonal } from "@/lib/privacy/personal";

// Invitations for the ONLINE and MIXED cases of a sample (issue 13): one per
// case, by the channel it can take, never to a do-not-contact client, a case of
// a full or closed quota cell (the next-case rule, QUOTA_CELL_OPEN_SQL), a
// finished case or one already invited.

export type SkipReason =
  | "PHONE_ONLY"
  | "ALREADY_INVITED"
  | "CASE_FINISHED"
  | "DO_NOT_CONTACT"
  | "QUOTA_CELL_FULL_OR_CLOSED"
  | "NO_ONLINE_QUESTIONNAIRE"
  | "NO_EMAIL"
  | "NO_MOBILE"
  | "NO_ADDRESS"
  | "NO_CONTACT_DETAILS";

export interface SendInvitationsResult {
  sent: number;
  skipped: { caseId: string; reason: SkipReason }[];
}

interface CaseRow {
  id: string;
  mode: string;
  final: boolean;
  service: string;
  clientRef: string;
  /** the client's sealed contact details (lib/privacy/personal.ts) */
  personal: string | null;
  hasAddress: boolean;
  doNotContact: boolean;
  onRegister: boolean;
  invited: boolean;
  quotaOpen: boolean;
}

export function surveyBaseUrl(): string {
  const env = cawiEnv();
  return (env.SURVEY_BASE_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export async function sendInvitations({
  sampleId,
  channel,
  actorId = null,
  now = currentTime(),
}: {
  sampleId: string;
  channel?: Channel;
  actorId?: string | null;
  now?: Date;
}): Promise<SendInvitationsResult> {
  const env = cawiEnv();
  const sample = await db().sample.findUnique({ where: { id: sampleId }, select: { survey: true, month: true } });
  if (!sample) throw new AppError("SAMPLE_NOT_FOUND", "There is no sample with that id.", "sampleId");
  const version = onlineVersionForCase(sample.survey, sample.month);
  const rows = await db().$queryRawUnsafe<CaseRow[]>(
    `SELECT sc."id"::text AS "id", sc."mode"::text AS "mode", sc."final", c."service"::text AS "service", c."clientRef",
            c."personal", c."hasAddress", c."doNotContact",
            EXISTS (SELECT 1 FROM "DoNotContactEntry" d WHERE d."service" = c."service" AND d."clientRef" = c."clientRef") AS "onRegister",
            EXISTS (SELECT 1 FROM "Invitation" i WHERE i."sampleCaseId" = sc."id") AS "invited",
            ${QUOTA_CELL_OPEN_SQL} AS "quotaOpen"
     FROM "SampleCase" sc JOIN "FrameClient" c ON c."id" = sc."clientId"
     WHERE sc."sampleId" = $1::uuid
     ORDER BY sc."drawOrder", sc."id"`,
    sampleId,
  );
  const base = surveyBaseUrl();
  const expiresAt = new Date(now.getTime() + env.INVITATION_VALID_DAYS * 24 * 3600 * 1000);
  const skipped: SendInvitationsResult["skipped"] = [];
  const pending: bigint[] = [];
  let sent = 0;
  for (const row of rows) {
    const skip = (reason: SkipReason) => skipped.push({ caseId: row.id, reason });
    if (row.mode === "PHONE") {
      skip("PHONE_ONLY");
      continue;
    }
    if (row.invited) {
      skip("ALREADY_INVITED");
      continue;
    }
    if (row.final) {
      skip("CASE_FINISHED");
      continue;
    }
    if (row.doNotContact || row.onRegister) {
      skip("DO_NOT_CONTACT");
      continue;
    }
    if (!row.quotaOpen) {
      skip("QUOTA_CELL_FULL_OR_CLOSED");
      continue;
    }
    if (!version) {
      skip("NO_ONLINE_QUESTIONNAIRE");
      continue;
    }
    const { email, phone } = await openClientPersonal(row.personal);
    const choice = channelFor({ email, phone, hasAddress: row.hasAddress }, channel);
    if (!choice.ok) {
      skip(choice.reason);
      continue;
    }

    const token = newLinkToken();
    const accessCode = choice.channel === "LETTER" ? newAccessCode() : null;
    const personalisation: Record<string, string> = {
      link: `${base}/s/${token}`,
      start_url: `${base}/start`,
      expiry_date: formatLongDate(expiresAt),
      ...(accessCode ? { access_code: accessCode } : {}),
    };
    const to = choice.channel === "EMAIL" ? email! : choice.channel === "SMS" ? phone! : `${row.service} client ${row.clientRef}`;
    const personal = await sealOutboxPersonal({ to, personalisation });
    try {
      const message = await db().$transaction(async (tx) => {
        const invitation = await tx.invitation.create({
          data: {
            sampleCaseId: row.id,
            channel: choice.channel,
            tokenHash: hashSecret(token),
            accessCodeHash: accessCode ? hashAccessCode(accessCode) : null,
            expiresAt,
            sentAt: now,
            createdAt: now,
          },
          select: { id: true },
        });
        return tx.outboxMessage.create({
          data: {
            invitationId: invitation.id,
            channel: choice.channel,
            kind: "INVITATION",
            personal,
            status: initialStatus(choice.channel, env),
            createdAt: now,
          },
          select: { id: true, status: true },
        });
      });
      if (message.status === "PENDING") pending.push(message.id);
      sent += 1;
    } catch (error) {
      // Invited meanwhile by a concurrent run: the unique sampleCaseId lets one win.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        skip("ALREADY_INVITED");
        continue;
      }
      throw error;
    }
  }
  if (sent > 0)
    await recordAuditEvent(db(), {
      actorId,
      action: "invitations.sent",
      entityType: "Sample",
      entityId: sampleId,
      details: { sent, skipped: skipped.length, channel: channel ?? null },
    });
  await deliverPending(pending, { now, env });
  return { sent, skipped };
}

export interface InvitationSummary {
  invited: number;
  completed: number;
  reminders: number;
  /** ONLINE and MIXED cases not yet invited and not finished */
  notInvited: number;
}

/** Counts for the sample page (no personal data). */
export async function invitationSummary(sampleId: string): Promise<InvitationSummary> {
  const [row] = await db().$queryRaw<{ invited: bigint; completed: bigint; reminders: bigint; notInvited: bigint }[]>`
    SELECT COUNT(i."id") AS "invited",
           COUNT(*) FILTER (WHERE i."status" = 'COMPLETED') AS "completed",
           COALESCE(SUM(i."remindersSent"), 0)::bigint AS "reminders",
           COUNT(*) FILTER (WHERE i."id" IS NULL AND sc."mode" <> 'PHONE' AND NOT sc."final") AS "notInvited"
    FROM "SampleCase" sc LEFT JOIN "Invitation" i ON i."sampleCaseId" = sc."id"
    WHERE sc."sampleId" = ${sampleId}::uuid`;
  return {
    invited: Number(row?.invited ?? 0),
    completed: Number(row?.completed ?? 0),
    reminders: Number(row?.reminders ?? 0),
    notInvited: Number(row?.notInvited ?? 0),
  };
}

// Codes only travel in the address (never free text a link could forge).
const SEND_ERRORS: Record<string, string> = {
  INVALID: "The sample's id is not valid: open the sample from the list of samples and try again.",
  SAMPLE_NOT_FOUND: "There is no sample with that id.",
  UNEXPECTED: "Something went wrong and no invitations were sent. Try again; if it keeps happening, tell the service desk.",
};

/** The outcome of "Send invitations" carried back to the sample page in its address (a plain form post's redirect). */
export function invitationNotice(
  query: Record<string, string | string[] | undefined>,
): { kind: "sent"; sent: number; skipped: number } | { kind: "error"; message: string } | null {
  const one = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : "");
  if (one("invitations") === "sent") return { kind: "sent", sent: Number.parseInt(one("sent"), 10) || 0, skipped: Number.parseInt(one("skipped"), 10) || 0 };
  if (one("invitations") === "error") return { kind: "error", message: SEND_ERRORS[one("code")] ?? SEND_ERRORS.UNEXPECTED! };
  return null;
}
