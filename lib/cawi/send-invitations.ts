import "server-only";
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
  email: string | null;
  phone: string | null;
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

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

export async function sendInvitations({ sampleId, channel, now = currentTime() }: { sampleId: string; channel?: Channel; now?: Date }): Promise<SendInvitationsResult> {
  const env = cawiEnv();
  const sample = await db().sample.findUnique({ where: { id: sampleId }, select: { survey: true, month: true } });
  if (!sample) throw new AppError("SAMPLE_NOT_FOUND", "There is no sample with that id.", "sampleId");
  const version = onlineVersionForCase(sample.survey, sample.month);
  const rows = await db().$queryRawUnsafe<CaseRow[]>(
    `SELECT sc."id"::text AS "id", sc."mode"::text AS "mode", sc."final", c."service"::text AS "service", c."clientRef",
            c."email", c."phone", c."hasAddress", c."doNotContact",
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
    if (row.mode === "PHONE") { skip("PHONE_ONLY"); continue; }
    if (row.invited) { skip("ALREADY_INVITED"); continue; }
    if (row.final) { skip("CASE_FINISHED"); continue; }
    if (row.doNotContact || row.onRegister) { skip("DO_NOT_CONTACT"); continue; }
    if (!row.quotaOpen) { skip("QUOTA_CELL_FULL_OR_CLOSED"); continue; }
    if (!version) { skip("NO_ONLINE_QUESTIONNAIRE"); continue; }
    const choice = channelFor(row, channel);
    if (!choice.ok) { skip(choice.reason); continue; }

    const token = newLinkToken();
    const accessCode = choice.channel === "LETTER" ? newAccessCode() : null;
    const personalisation: Record<string, string> = {
      link: `${base}/s/${token}`,
      start_url: `${base}/start`,
      expiry_date: DATE.format(expiresAt),
      ...(accessCode ? { access_code: accessCode } : {}),
    };
    const to = choice.channel === "EMAIL" ? row.email! : choice.channel === "SMS" ? row.phone! : `${row.service} client ${row.clientRef}`;
    try {
      const message = await db().$transaction(async (tx) => {
        const invitation = await tx.invitation.create({
          data: { sampleCaseId: row.id, channel: choice.channel, tokenHash: hashSecret(token), accessCodeHash: accessCode ? hashAccessCode(accessCode) : null, expiresAt, sentAt: now, createdAt: now },
          select: { id: true },
        });
        return tx.outboxMessage.create({
          data: { invitationId: invitation.id, channel: choice.channel, kind: "INVITATION", to, personalisation, status: initialStatus(choice.channel, env), createdAt: now },
          select: { id: true, status: true },
        });
      });
      if (message.status === "PENDING") pending.push(message.id);
      sent += 1;
    } catch (error) {
      // Invited meanwhile by a concurrent run: the unique sampleCaseId lets one win.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") { skip("ALREADY_INVITED"); continue; }
      throw error;
    }
  }
  await deliverPending(pending, { now, env });
  return { sent, skipped };
}
