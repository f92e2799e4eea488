import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { isUkMobile } from "@/lib/cawi/channel";
import { surveyBaseUrl } from "@/lib/cawi/send-invitations";
import { deliverPending, initialStatus } from "@/lib/cawi/sender";
import { hashSecret, newLinkToken } from "@/lib/cawi/tokens";
import { db } from "@/lib/db/client";
import { cawiEnv } from "@/lib/env";
import { SERVICE_NAMES } from "@/lib/questionnaire/fills";
import { EXCLUSION_RULES, firstExclusion, type ExclusionRule } from "./exclusions";
import { getFeedbackSettings } from "./settings";
import type { FeedbackSettings } from "./settings-schema";
import { openClientPersonal, sealOutboxPersonal } from "@/lib/privacy/personal";

// The feedback request job (issue 14): each contact whose delay has passed is
// decided once: excluded (the first rule it fails, exclusions.ts), or asked by
// a text (a UK mobile) or else an email with a personal link /f/<token> to
// RTCF-1, written to the outbox and handed to GOV.UK Notify when it is set up.
// Idempotent: a contact moves from WAITING only by an update guarded on WAITING,
// so two runners (or a retry after a crash) decide it once.

export const FEEDBACK_LINK_VALID_DAYS = 7; // ours: a rating a week later is no longer "real time"
const PASS = 1000;

export interface SendRequestsResult {
  asked: number;
  excluded: Record<ExclusionRule, number>;
  /** messages GOV.UK Notify accepted (0 without a Notify key: the local outbox) */
  delivered: number;
}

interface DueRow {
  id: bigint;
  service: string;
  clientRef: string;
  inFrame: boolean;
  englishSpeaking: boolean | null;
  potentiallyViolent: boolean | null;
  researchConsent: boolean | null;
  doNotContact: boolean;
  /** the client's sealed contact details (lib/privacy/personal.ts) */
  personal: string | null;
  askedRecently: boolean;
}

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

export async function sendFeedbackRequests({ now, settings }: { now: Date; settings?: FeedbackSettings }): Promise<SendRequestsResult> {
  const rules = settings ?? (await getFeedbackSettings());
  const env = cawiEnv();
  const base = surveyBaseUrl();
  const dueBefore = new Date(now.getTime() - rules.delayMinutes * 60_000);
  const capFrom = new Date(now.getTime() - rules.frequencyCapDays * 24 * 3600_000);
  const expiresAt = new Date(now.getTime() + FEEDBACK_LINK_VALID_DAYS * 24 * 3600_000);
  const excluded = Object.fromEntries(EXCLUSION_RULES.map((r) => [r, 0])) as Record<ExclusionRule, number>;
  const pending: bigint[] = [];
  let asked = 0;
  for (;;) {
    const rows = await db().$queryRaw<DueRow[]>`
      SELECT ct."id", ct."service"::text AS "service", ct."clientRef",
             (fc."id" IS NOT NULL) AS "inFrame", fc."englishSpeaking", fc."potentiallyViolent", fc."researchConsent",
             (COALESCE(fc."doNotContact", false) OR EXISTS (SELECT 1 FROM "DoNotContactEntry" d WHERE d."service" = ct."service" AND d."clientRef" = ct."clientRef")) AS "doNotContact",
             fc."personal",
             EXISTS (SELECT 1 FROM "FeedbackRequest" fr WHERE fr."service" = ct."service" AND fr."clientRef" = ct."clientRef" AND fr."sentAt" > ${capFrom}) AS "askedRecently"
      FROM "Contact" ct LEFT JOIN "FrameClient" fc ON fc."service" = ct."service" AND fc."clientRef" = ct."clientRef"
      WHERE ct."requestState" = 'WAITING' AND ct."contactAt" <= ${dueBefore}
      ORDER BY ct."contactAt", ct."id"
      LIMIT ${PASS}`;
    if (rows.length === 0) break;
    // clients asked in this pass count for the cap too (two contacts a minute apart: one request)
    const askedNow = new Set<string>();
    const byRule = new Map<ExclusionRule, bigint[]>();
    for (const row of rows) {
      const client = `${row.service}:${row.clientRef}`;
      const { email, phone } = await openClientPersonal(row.personal);
      const mobile = isUkMobile(phone) ? phone : null;
      const rule = firstExclusion({
        inFrame: row.inFrame,
        englishSpeaking: row.englishSpeaking ?? false,
        potentiallyViolent: row.potentiallyViolent ?? false,
        researchConsent: row.researchConsent ?? false,
        doNotContact: row.doNotContact,
        email,
        mobile,
        askedRecently: row.askedRecently || askedNow.has(client),
      });
      if (rule) {
        byRule.set(rule, [...(byRule.get(rule) ?? []), row.id]);
        continue;
      }
      const channel = mobile ? "SMS" : "EMAIL";
      const token = newLinkToken();
      const message = await db().$transaction(async (tx) => {
        const { count } = await tx.contact.updateMany({ where: { id: row.id, requestState: "WAITING" }, data: { requestState: "ASKED", decidedAt: now } });
        if (count !== 1) return null; // decided by another runner meanwhile
        const request = await tx.feedbackRequest.create({
          data: {
            contactId: row.id,
            service: row.service as "CMS" | "OPTIONS",
            clientRef: row.clientRef,
            channel,
            tokenHash: hashSecret(token),
            sentAt: now,
            expiresAt,
          },
          select: { id: true },
        });
        return tx.outboxMessage.create({
          data: {
            feedbackRequestId: request.id,
            channel,
            kind: "FEEDBACK_REQUEST",
            personal: await sealOutboxPersonal({
              to: mobile ?? email!,
              personalisation: { link: `${base}/f/${token}`, service: SERVICE_NAMES[row.service as "CMS" | "OPTIONS"], expiry_date: DATE.format(expiresAt) },
            }),
            status: initialStatus(channel, env),
            createdAt: now,
          },
          select: { id: true, status: true },
        });
      });
      if (!message) continue;
      askedNow.add(client);
      asked += 1;
      if (message.status === "PENDING") pending.push(message.id);
    }
    for (const [rule, ids] of byRule) {
      const { count } = await db().contact.updateMany({
        where: { id: { in: ids }, requestState: "WAITING" },
        data: { requestState: "EXCLUDED", exclusion: rule, decidedAt: now },
      });
      excluded[rule] += count;
    }
    if (rows.length < PASS) break;
  }
  const notAsked = Object.values(excluded).reduce((a, b) => a + b, 0);
  if (asked + notAsked > 0)
    await recordAuditEvent(db(), { actorId: null, action: "feedback.requests_sent", details: { asked, excluded: notAsked, byRule: excluded } });
  const delivered = await deliverPending(pending, { now, env });
  return { asked, excluded, delivered };
}
