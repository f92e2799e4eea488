import "server-only";
import { addUkDays, ukInstant } from "@/lib/cati/calendar";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { scrubText } from "@/lib/log-redact";
import { csvLine } from "@/lib/sampling/csv-safe";
import { EXCLUSION_RULES, exclusionWaterfall, type ExclusionRule } from "./exclusions";
import type { FeedbackReportQuery } from "./report-schema";
import { getFeedbackSettings } from "./settings";
import { meanWithInterval, median, shareWithInterval, type MeanEstimate, type ShareEstimate } from "./stats";

// What managers see of real-time feedback (issue 14), and `feedback report`:
// ratings by week, channel and team with bases and 95% intervals; the share of
// low ratings followed up (closed) by their due time; the median time to
// resolution; the requests' exclusion waterfall; the comments. No personal
// data: no client reference, contact id or contact details, and email addresses
// and phone numbers typed into comments are blanked.

export interface RatingRow {
  group: string;
  rating: MeanEstimate;
  /** ratings at or below the low-rating threshold */
  low: ShareEstimate;
}

export interface FeedbackReport {
  from: string;
  to: string;
  lowRatingThreshold: number;
  contacts: { received: number; waiting: number; asked: number; answered: number; responseRate: ShareEstimate };
  waterfall: { rule: ExclusionRule; label: string; excluded: number; remaining: number }[];
  overall: RatingRow;
  byWeek: RatingRow[];
  byChannel: RatingRow[];
  byTeam: RatingRow[];
  followUps: {
    opened: number;
    open: number;
    overdue: number;
    /** low-rating follow-ups closed by their due time, of those opened in the period */
    lowRatingsInTime: ShareEstimate;
    byResolution: Record<string, number>;
    medianHoursToResolution: number | null;
  };
}

export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: ukInstant(from, 0), end: ukInstant(addUkDays(to, 1), 0) };
}

interface GroupAgg {
  grp: string;
  n: bigint;
  sum: bigint | null;
  sumsq: bigint | null;
  low: bigint;
}

function ratingRow(r: GroupAgg): RatingRow {
  const n = Number(r.n);
  return {
    group: r.grp,
    rating: meanWithInterval({ n, sum: Number(r.sum ?? 0), sumSquares: Number(r.sumsq ?? 0) }),
    low: shareWithInterval({ count: Number(r.low), n }),
  };
}

export async function feedbackReport({ query, now }: { query: FeedbackReportQuery; now: Date }): Promise<FeedbackReport> {
  const settings = await getFeedbackSettings();
  const { start, end } = periodBounds(query.from, query.to);
  const threshold = settings.lowRatingThreshold;
  const ratings = (groupBy: Prisma.Sql) => db().$queryRaw<GroupAgg[]>`
    SELECT ${groupBy} AS grp, COUNT(*) AS n, SUM(fr."rating")::bigint AS sum, SUM(fr."rating" * fr."rating")::bigint AS sumsq,
           COUNT(*) FILTER (WHERE fr."rating" <= ${threshold}) AS low
    FROM "FeedbackRequest" fr JOIN "Contact" ct ON ct."id" = fr."contactId"
    WHERE fr."answeredAt" >= ${start} AND fr."answeredAt" < ${end} AND fr."rating" IS NOT NULL
    GROUP BY 1 ORDER BY 1`;
  // weeks start on Monday, UK time
  const week = Prisma.sql`to_char(date_trunc('week', (fr."answeredAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD')`;
  const [overall, byWeek, byChannel, byTeam, contactRows, followUpRows, answered] = await Promise.all([
    ratings(Prisma.sql`'all'`),
    ratings(week),
    ratings(Prisma.sql`ct."channel"::text`),
    ratings(Prisma.sql`ct."teamCode"`),
    db().$queryRaw<{ state: string; exclusion: string | null; n: bigint }[]>`
      SELECT "requestState"::text AS state, "exclusion", COUNT(*) AS n FROM "Contact"
      WHERE "contactAt" >= ${start} AND "contactAt" < ${end} GROUP BY 1, 2`,
    db().followUp.findMany({
      where: { openedAt: { gte: start, lt: end } },
      select: { lowRating: true, dueAt: true, openedAt: true, closedAt: true, resolution: true },
    }),
    db().$queryRaw<{ asked: bigint; answered: bigint }[]>`
      SELECT COUNT(*) AS asked, COUNT(fr."answeredAt") AS answered
      FROM "FeedbackRequest" fr JOIN "Contact" ct ON ct."id" = fr."contactId"
      WHERE ct."contactAt" >= ${start} AND ct."contactAt" < ${end}`,
  ]);
  let received = 0;
  let waiting = 0;
  let asked = 0;
  const excluded: Partial<Record<ExclusionRule, number>> = {};
  for (const r of contactRows) {
    const n = Number(r.n);
    received += n;
    if (r.state === "WAITING") waiting += n;
    else if (r.state === "ASKED") asked += n;
    else if (r.exclusion && (EXCLUSION_RULES as readonly string[]).includes(r.exclusion))
      excluded[r.exclusion as ExclusionRule] = (excluded[r.exclusion as ExclusionRule] ?? 0) + n;
  }
  const low = followUpRows.filter((f) => f.lowRating);
  const byResolution: Record<string, number> = {};
  for (const f of followUpRows) if (f.resolution) byResolution[f.resolution] = (byResolution[f.resolution] ?? 0) + 1;
  const hours = followUpRows.filter((f) => f.closedAt).map((f) => (f.closedAt!.getTime() - f.openedAt.getTime()) / 3_600_000);
  const emptyOverall: GroupAgg = { grp: "all", n: BigInt(0), sum: null, sumsq: null, low: BigInt(0) };
  return {
    from: query.from,
    to: query.to,
    lowRatingThreshold: threshold,
    contacts: {
      received,
      waiting,
      asked,
      answered: Number(answered[0]?.answered ?? 0),
      responseRate: shareWithInterval({ count: Number(answered[0]?.answered ?? 0), n: Number(answered[0]?.asked ?? 0) }),
    },
    waterfall: exclusionWaterfall(received - waiting, excluded),
    overall: ratingRow(overall[0] ?? emptyOverall),
    byWeek: byWeek.map(ratingRow),
    byChannel: byChannel.map(ratingRow),
    byTeam: byTeam.map(ratingRow),
    followUps: {
      opened: followUpRows.length,
      open: followUpRows.filter((f) => !f.closedAt).length,
      overdue: followUpRows.filter((f) => (f.closedAt ?? now) > f.dueAt).length,
      lowRatingsInTime: shareWithInterval({ count: low.filter((f) => f.closedAt && f.closedAt <= f.dueAt).length, n: low.length }),
      byResolution,
      medianHoursToResolution: median(hours),
    },
  };
}

export interface FeedbackComment {
  answeredAt: Date;
  service: string;
  channel: string;
  reason: string;
  teamCode: string;
  rating: number | null;
  callBack: boolean | null;
  comment: string;
}

/** Comments in the period, newest first, filtered; contact details typed into them blanked. */
export async function listFeedbackComments({ query, take }: { query: FeedbackReportQuery; take?: number }): Promise<FeedbackComment[]> {
  const { start, end } = periodBounds(query.from, query.to);
  const rows = await db().feedbackRequest.findMany({
    where: {
      answeredAt: { gte: start, lt: end },
      comment: query.search ? { contains: query.search, mode: "insensitive" } : { not: null },
      ...(query.maxRating ? { rating: { lte: query.maxRating } } : {}),
      ...(query.channel || query.team
        ? { contact: { ...(query.channel ? { channel: query.channel } : {}), ...(query.team ? { teamCode: query.team } : {}) } }
        : {}),
    },
    orderBy: [{ answeredAt: "desc" }, { id: "asc" }],
    take,
    select: {
      answeredAt: true,
      rating: true,
      callBack: true,
      comment: true,
      contact: { select: { service: true, channel: true, reason: true, teamCode: true } },
    },
  });
  return rows.map((r) => ({
    answeredAt: r.answeredAt!,
    service: r.contact.service,
    channel: r.contact.channel,
    reason: r.contact.reason,
    teamCode: r.contact.teamCode,
    rating: r.rating,
    callBack: r.callBack,
    comment: scrubText(r.comment ?? ""),
  }));
}

export const COMMENT_CSV_COLUMNS = ["answered_at", "service", "channel", "reason", "team_code", "rating", "call_back", "comment"];

export function commentsCsv(comments: FeedbackComment[]): string {
  const lines = comments.map((c) =>
    csvLine([
      c.answeredAt.toISOString(),
      c.service,
      c.channel,
      c.reason,
      c.teamCode,
      c.rating === null ? "" : String(c.rating),
      c.callBack === null ? "" : c.callBack ? "Y" : "N",
      c.comment,
    ]),
  );
  return [csvLine(COMMENT_CSV_COLUMNS), ...lines].join("\r\n") + "\r\n";
}
