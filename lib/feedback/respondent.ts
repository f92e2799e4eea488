import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { LINK_TOKEN_PATTERN, hashSecret } from "@/lib/cawi/tokens";
import { db } from "@/lib/db/client";
import { LIMITS, takeRateLimit } from "@/lib/http/rate-limit";
import { feedbackAnswerSchema, followUpReasons } from "./follow-up-rules";
import { getFeedbackSettings } from "./settings";
import { dueTime } from "./working-time";

// The client's side of a feedback request (issue 14): the link, RTCF-1's three
// questions on one page (rating, comment, call back), and the follow-up a low
// rating or a call-back request opens. Nothing here returns personal data.

export type FeedbackOpened = { ok: true; requestId: string } | { ok: false; reason: "UNAVAILABLE" | "RATE_LIMITED" };

export async function openFeedbackByToken({ token, ip, now }: { token: string; ip: string; now: Date }): Promise<FeedbackOpened> {
  if (!(await takeRateLimit({ limit: LIMITS.lookupPerIp, subject: ip, now }))) return { ok: false, reason: "RATE_LIMITED" };
  if (!LINK_TOKEN_PATTERN.test(token)) return { ok: false, reason: "UNAVAILABLE" };
  const request = await db().feedbackRequest.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, expiresAt: true, answeredAt: true, openedAt: true },
  });
  if (!request || (!request.answeredAt && request.expiresAt <= now)) return { ok: false, reason: "UNAVAILABLE" };
  if (!request.openedAt) await db().feedbackRequest.updateMany({ where: { id: request.id, openedAt: null }, data: { openedAt: now } });
  return { ok: true, requestId: request.id };
}

export type FeedbackView = { kind: "unavailable" } | { kind: "answered" } | { kind: "form"; serviceName: string };

const SERVICE_NAMES: Record<string, string> = { CMS: "Child Maintenance Service", OPTIONS: "Child Maintenance Options" };

export async function getFeedbackView({ requestId, now }: { requestId: string | null; now: Date }): Promise<FeedbackView> {
  if (!requestId) return { kind: "unavailable" };
  const request = await db().feedbackRequest.findUnique({ where: { id: requestId }, select: { service: true, expiresAt: true, answeredAt: true } });
  if (!request) return { kind: "unavailable" };
  if (request.answeredAt) return { kind: "answered" };
  if (request.expiresAt <= now) return { kind: "unavailable" };
  return { kind: "form", serviceName: SERVICE_NAMES[request.service] ?? "service" };
}

export type SubmitOutcome =
  | { kind: "saved"; followUp: boolean }
  | { kind: "invalid"; fieldErrors: Record<string, string> }
  | { kind: "unavailable" }
  | { kind: "answered" }
  | { kind: "rate-limited" };

/** The posted page: checked, saved once (a second post finds it answered), and a follow-up opened when the rules say so, in one transaction. */
export async function submitFeedback({ requestId, input, ip, now }: { requestId: string; input: unknown; ip: string; now: Date }): Promise<SubmitOutcome> {
  if (!(await takeRateLimit({ limit: LIMITS.answerPerIp, subject: ip, now }))) return { kind: "rate-limited" };
  const parsed = feedbackAnswerSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { kind: "invalid", fieldErrors };
  }
  const view = await getFeedbackView({ requestId, now });
  if (view.kind !== "form") return { kind: view.kind };
  const settings = await getFeedbackSettings();
  const { rating, comment, callBack } = parsed.data;
  const reasons = followUpReasons({ rating, callBack: callBack === "YES", threshold: settings.lowRatingThreshold });
  return db().$transaction(async (tx) => {
    const { count } = await tx.feedbackRequest.updateMany({
      where: { id: requestId, answeredAt: null },
      data: { rating, comment: comment ? comment : null, callBack: callBack === "YES", answeredAt: now },
    });
    if (count !== 1) return { kind: "answered" } as const;
    if (reasons) {
      const dueAt = dueTime({ openedAt: now, workingDays: settings.dueWorkingDays, hours: { start: settings.workingDayStart, end: settings.workingDayEnd } });
      const followUp = await tx.followUp.create({ data: { feedbackRequestId: requestId, ...reasons, openedAt: now, dueAt }, select: { id: true } });
      await recordAuditEvent(tx, {
        actorId: null,
        action: "follow_up.opened",
        entityType: "FollowUp",
        entityId: followUp.id,
        details: { ...reasons, rating, dueAt: dueAt.toISOString() },
      });
    }
    return { kind: "saved", followUp: !!reasons } as const;
  });
}
