import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { ATTEMPT_OUTCOMES, RESOLUTIONS } from "./follow-up-rules";
import { openClientPersonal } from "@/lib/privacy/personal";

// The follow-up queue (issue 14: service recovery). Supervisors claim a
// follow-up, see the feedback and the contact it was about, reveal the client's
// phone number (audited: personal data), record attempts, and close it with a
// resolution and a note. Every step is audited. Lists carry no personal data.

export interface FollowUpListEntry {
  id: string;
  openedAt: Date;
  dueAt: Date;
  overdue: boolean;
  rating: number | null;
  lowRating: boolean;
  callBackAsked: boolean;
  service: string;
  channel: string;
  teamCode: string;
  claimedBy: string | null;
  claimedByMe: boolean;
  attempts: number;
  resolution: string | null;
  closedAt: Date | null;
}

const LIST_SELECT = {
  id: true,
  openedAt: true,
  dueAt: true,
  lowRating: true,
  callBackAsked: true,
  claimedById: true,
  resolution: true,
  closedAt: true,
  claimedBy: { select: { name: true } },
  _count: { select: { attempts: true } },
  feedbackRequest: { select: { rating: true, contact: { select: { service: true, channel: true, teamCode: true } } } },
} as const;

/** Open follow-ups, most overdue first; or the latest closed ones. */
export async function listFollowUps({
  actorId,
  closed = false,
  now,
  take = 200,
}: {
  actorId: string;
  closed?: boolean;
  now: Date;
  take?: number;
}): Promise<FollowUpListEntry[]> {
  const rows = await db().followUp.findMany({
    where: closed ? { closedAt: { not: null } } : { closedAt: null },
    orderBy: closed ? [{ closedAt: "desc" }] : [{ dueAt: "asc" }, { id: "asc" }],
    take,
    select: LIST_SELECT,
  });
  return rows.map((r) => listEntry(r, actorId, now));
}

/** A follow-up as the list shows it: overdue once its due time passes while it is open (or it closed after it). */
function listEntry(r: Prisma.FollowUpGetPayload<{ select: typeof LIST_SELECT }>, actorId: string, now: Date): FollowUpListEntry {
  const c = r.feedbackRequest.contact;
  return {
    id: r.id,
    openedAt: r.openedAt,
    dueAt: r.dueAt,
    overdue: (r.closedAt ?? now) > r.dueAt,
    rating: r.feedbackRequest.rating,
    lowRating: r.lowRating,
    callBackAsked: r.callBackAsked,
    service: c.service,
    channel: c.channel,
    teamCode: c.teamCode,
    claimedBy: r.claimedBy?.name ?? null,
    claimedByMe: r.claimedById === actorId,
    attempts: r._count.attempts,
    resolution: r.resolution,
    closedAt: r.closedAt,
  };
}

export interface FollowUpDetail extends FollowUpListEntry {
  comment: string | null;
  answeredAt: Date | null;
  contact: { contactRef: string; clientRef: string; contactAt: Date; reason: string };
  resolutionNote: string | null;
  closedBy: string | null;
  attemptList: { at: Date; by: string; outcome: string; note: string | null }[];
}

export async function getFollowUp({ id, actorId, now }: { id: string; actorId: string; now: Date }): Promise<FollowUpDetail | null> {
  const r = await db().followUp.findUnique({
    where: { id },
    select: {
      ...LIST_SELECT,
      resolutionNote: true,
      closedBy: { select: { name: true } },
      attempts: { orderBy: { at: "asc" }, select: { at: true, outcome: true, note: true, by: { select: { name: true } } } },
      feedbackRequest: {
        select: {
          rating: true,
          comment: true,
          answeredAt: true,
          contact: { select: { service: true, channel: true, teamCode: true, contactRef: true, clientRef: true, contactAt: true, reason: true } },
        },
      },
    },
  });
  if (!r) return null;
  const c = r.feedbackRequest.contact;
  return {
    ...listEntry(r, actorId, now),
    comment: r.feedbackRequest.comment,
    answeredAt: r.feedbackRequest.answeredAt,
    contact: { contactRef: c.contactRef, clientRef: c.clientRef, contactAt: c.contactAt, reason: c.reason },
    resolutionNote: r.resolutionNote,
    closedBy: r.closedBy?.name ?? null,
    attemptList: r.attempts.map((a) => ({ at: a.at, by: a.by.name, outcome: a.outcome, note: a.note })),
  };
}

async function openFollowUp(tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0], id: string) {
  const f = await tx.followUp.findUnique({ where: { id }, select: { id: true, claimedById: true, closedAt: true } });
  if (!f) throw new AppError("FOLLOW_UP_NOT_FOUND", "There is no follow-up with that id.", "followUpId");
  if (f.closedAt) throw new AppError("FOLLOW_UP_CLOSED", "This follow-up is closed already.", "followUpId");
  return f;
}

/** Claims an open follow-up for the actor; one claimed by someone else is refused (their work is not taken over silently). */
export async function claimFollowUp({ followUpId, actorId, now }: { followUpId: string; actorId: string; now: Date }): Promise<void> {
  await db().$transaction(async (tx) => {
    const f = await openFollowUp(tx, followUpId);
    if (f.claimedById === actorId) return;
    const { count } = await tx.followUp.updateMany({
      where: { id: followUpId, closedAt: null, claimedById: null },
      data: { claimedById: actorId, claimedAt: now },
    });
    if (count !== 1) throw new AppError("FOLLOW_UP_CLAIMED_BY_OTHER", "Someone else has claimed this follow-up.", "followUpId");
    await recordAuditEvent(tx, { actorId, action: "follow_up.claimed", entityType: "FollowUp", entityId: followUpId });
  });
}

/** Gives a claimed follow-up back to the queue. */
export async function releaseFollowUp({ followUpId, actorId }: { followUpId: string; actorId: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    await mustHoldClaim(tx, followUpId, actorId);
    await tx.followUp.update({ where: { id: followUpId }, data: { claimedById: null, claimedAt: null } });
    await recordAuditEvent(tx, { actorId, action: "follow_up.released", entityType: "FollowUp", entityId: followUpId });
  });
}

async function mustHoldClaim(tx: Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0], followUpId: string, actorId: string) {
  const f = await openFollowUp(tx, followUpId);
  if (f.claimedById !== actorId)
    throw new AppError("FOLLOW_UP_NOT_CLAIMED", "Claim this follow-up first: only the person who claimed it can do this.", "followUpId");
}

/** The client's phone number and email, to whoever holds the claim; audited. */
export async function revealFollowUpContactDetails({
  followUpId,
  actorId,
}: {
  followUpId: string;
  actorId: string;
}): Promise<{ phone: string | null; email: string | null }> {
  return db().$transaction(async (tx) => {
    await mustHoldClaim(tx, followUpId, actorId);
    const f = await tx.followUp.findUniqueOrThrow({ where: { id: followUpId }, select: { feedbackRequest: { select: { service: true, clientRef: true } } } });
    const client = await tx.frameClient.findUnique({
      where: { service_clientRef: { service: f.feedbackRequest.service, clientRef: f.feedbackRequest.clientRef } },
      select: { personal: true },
    });
    const { phone, email } = await openClientPersonal(client?.personal ?? null);
    await recordAuditEvent(tx, { actorId, action: "follow_up.phone_revealed", entityType: "FollowUp", entityId: followUpId });
    return { phone, email };
  });
}

export async function recordFollowUpAttempt({
  followUpId,
  actorId,
  outcome,
  note,
  now,
}: {
  followUpId: string;
  actorId: string;
  outcome: (typeof ATTEMPT_OUTCOMES)[number];
  note?: string;
  now: Date;
}): Promise<void> {
  await db().$transaction(async (tx) => {
    await mustHoldClaim(tx, followUpId, actorId);
    await tx.followUpAttempt.create({ data: { followUpId, byId: actorId, at: now, outcome, note: note || null } });
    await recordAuditEvent(tx, { actorId, action: "follow_up.attempt", entityType: "FollowUp", entityId: followUpId, details: { outcome } });
  });
}

export async function closeFollowUp({
  followUpId,
  actorId,
  resolution,
  note,
  now,
}: {
  followUpId: string;
  actorId: string;
  resolution: (typeof RESOLUTIONS)[number];
  note: string;
  now: Date;
}): Promise<void> {
  await db().$transaction(async (tx) => {
    await mustHoldClaim(tx, followUpId, actorId);
    const { count } = await tx.followUp.updateMany({
      where: { id: followUpId, closedAt: null },
      data: { resolution, resolutionNote: note, closedAt: now, closedById: actorId },
    });
    if (count !== 1) throw new AppError("FOLLOW_UP_CLOSED", "This follow-up is closed already.", "followUpId");
    await recordAuditEvent(tx, { actorId, action: "follow_up.closed", entityType: "FollowUp", entityId: followUpId, details: { resolution } });
  });
}
