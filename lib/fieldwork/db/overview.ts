import "server-only";
import type { IsoDate } from "@/lib/cati/bank-holidays";
import { quotaCellStatus, stillNeeded, type QuotaCellStatus } from "@/lib/cati/quotas";
import { prismaSql, sqlTime, type SqlRunner } from "@/lib/cati/db/sql";
import { currentMillis, currentTime } from "@/lib/clock";
import { stratumLabel } from "@/lib/sampling/draw/strata";
import { sampleLabel } from "@/lib/sampling/surveys";
import { cellOutlook, cumulativeByDay, projectCompletion, type CellOutlook, type Projection } from "../projection";
import { ukDay } from "../time";

// The control room's live overview (issue 15): every sample in fieldwork (a case
// not yet final), or the one sample asked for, per sample and per quota cell. Three statements, each one pass
// over its table: samples, cases grouped by stratum, completes grouped by day.
// Both modes count: online outcomes are call attempts with mode ONLINE (lib/cawi).

export interface CellProgress {
  stratum: string;
  label: string;
  /** null: the sample has no quota (every cell open). */
  target: number | null;
  status: QuotaCellStatus | null;
  completes: number;
  partials: number;
  inProgress: number;
  appointmentsDueToday: number;
  neverTried: number;
  /** Not final (fresh, retries and appointments, in progress included). */
  stillToTry: number;
  /** Final without an interview. */
  exhausted: number;
  cases: number;
  outlook: CellOutlook | null;
}

export interface SampleProgress {
  sampleId: string;
  label: string;
  mode: string;
  countsPartials: boolean;
  totals: Omit<CellProgress, "stratum" | "label" | "status" | "outlook" | "target"> & { target: number | null };
  cells: CellProgress[];
  chart: { date: IsoDate; completes: number; cumulative: number }[];
  projection: Projection | null;
}

export interface ControlRoomOverview {
  at: Date;
  today: IsoDate;
  samples: SampleProgress[];
}

interface CellRow {
  sampleId: string;
  stratum: string;
  target: number | null;
  qCompletes: number | null;
  qPartials: number | null;
  closedAt: Date | null;
  done11: number;
  done12: number;
  inProgress: number;
  apptsToday: number;
  neverTried: number;
  stillToTry: number;
  exhausted: number;
  finished: number;
  cases: number;
}

const CELLS_SQL = `
SELECT st."sampleId"::text AS "sampleId", st."stratum", q."target", q."completes" AS "qCompletes", q."partials" AS "qPartials", q."closedAt",
       count(sc."id") FILTER (WHERE sc."disposition" = '1.1')::int AS "done11",
       count(sc."id") FILTER (WHERE sc."disposition" = '1.2')::int AS "done12",
       count(sc."id") FILTER (WHERE NOT sc."final" AND sc."heldUntil" > $2::timestamp)::int AS "inProgress",
       count(sc."id") FILTER (WHERE NOT sc."final" AND sc."appointmentAt" >= $3::timestamp AND sc."appointmentAt" < $4::timestamp)::int AS "apptsToday",
       count(sc."id") FILTER (WHERE NOT sc."final" AND sc."attempts" = 0 AND sc."disposition" = '3.11')::int AS "neverTried",
       count(sc."id") FILTER (WHERE NOT sc."final")::int AS "stillToTry",
       count(sc."id") FILTER (WHERE sc."final" AND sc."disposition" NOT IN ('1.1', '1.2'))::int AS "exhausted",
       count(sc."id") FILTER (WHERE sc."final")::int AS "finished",
       count(sc."id")::int AS "cases"
FROM "SampleStratum" st
LEFT JOIN "QuotaCell" q ON q."stratumId" = st."id"
LEFT JOIN "SampleCase" sc ON sc."stratumId" = st."id"
WHERE st."sampleId" = ANY($1::uuid[])
GROUP BY st."id", q."id"
ORDER BY st."stratum"`;

// Completes per UK day; timestamps are UTC wall time (lib/cati/db/sql.ts sqlTime).
const DAILY_SQL = `
SELECT sc."sampleId"::text AS "sampleId",
       to_char((ca."endedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "date",
       count(*)::int AS "completes"
FROM "CallAttempt" ca JOIN "SampleCase" sc ON sc."id" = ca."sampleCaseId"
WHERE ca."disposition" = '1.1' AND ca."endedAt" IS NOT NULL AND sc."sampleId" = ANY($1::uuid[])
GROUP BY 1, 2`;

const SAMPLES_SQL = `
SELECT s."id"::text AS "id", s."survey"::text AS "survey", s."month", s."period"::text AS "period", s."sequence", s."mode"::text AS "mode", s."quotaCountsPartials"
FROM "Sample" s
WHERE s."id" = $1::uuid
   OR ($1::uuid IS NULL AND EXISTS (SELECT 1 FROM "SampleCase" sc WHERE sc."sampleId" = s."id" AND NOT sc."final"))
ORDER BY s."drawnAt" DESC
LIMIT 50`;

export async function getControlRoomOverview({
  now = currentTime(),
  sampleId = null,
  run = prismaSql,
}: { now?: Date; sampleId?: string | null; run?: SqlRunner } = {}): Promise<ControlRoomOverview> {
  const day = ukDay(now);
  const samples = (await run(SAMPLES_SQL, [sampleId])) as unknown as {
    id: string;
    survey: string;
    month: string;
    period: "MONTH" | "QUARTER";
    sequence: number;
    mode: string;
    quotaCountsPartials: boolean;
  }[];
  if (samples.length === 0) return { at: now, today: day.date, samples: [] };
  const ids = samples.map((s) => s.id);
  const [cellRows, dailyRows] = await Promise.all([
    run(CELLS_SQL, [ids, sqlTime(now), sqlTime(day.start), sqlTime(day.end)]) as unknown as Promise<CellRow[]>,
    run(DAILY_SQL, [ids]) as unknown as Promise<{ sampleId: string; date: IsoDate; completes: number }[]>,
  ]);
  return {
    at: now,
    today: day.date,
    samples: samples.map((s) => {
      const rows = cellRows.filter((r) => r.sampleId === s.id);
      const daily = dailyRows.filter((d) => d.sampleId === s.id);
      const finished = rows.reduce((n, r) => n + r.finished, 0);
      const sampleYield = finished > 0 ? rows.reduce((n, r) => n + r.done11, 0) / finished : null;
      const cells: CellProgress[] = rows.map((r) => {
        const counts = r.target === null ? null : { target: r.target, completes: r.qCompletes ?? 0, partials: r.qPartials ?? 0, closed: r.closedAt !== null };
        return {
          stratum: r.stratum,
          label: stratumLabel(r.stratum),
          target: r.target,
          status: counts ? quotaCellStatus(counts, s.quotaCountsPartials) : null,
          completes: counts?.completes ?? r.done11,
          partials: counts?.partials ?? r.done12,
          inProgress: r.inProgress,
          appointmentsDueToday: r.apptsToday,
          neverTried: r.neverTried,
          stillToTry: r.stillToTry,
          exhausted: r.exhausted,
          cases: r.cases,
          outlook: counts
            ? cellOutlook({
                stillNeeded: counts.closed ? 0 : stillNeeded(counts, s.quotaCountsPartials),
                stillToTry: r.stillToTry,
                finished: r.finished,
                finishedCompletes: r.done11,
                sampleYield,
              })
            : null,
        };
      });
      const sum = (f: (c: CellProgress) => number) => cells.reduce((n, c) => n + f(c), 0);
      const hasQuota = cells.some((c) => c.target !== null);
      const target = hasQuota ? sum((c) => c.target ?? 0) : null;
      const completes = sum((c) => c.completes);
      return {
        sampleId: s.id,
        label: sampleLabel(s),
        mode: s.mode,
        countsPartials: s.quotaCountsPartials,
        totals: {
          target,
          completes,
          partials: sum((c) => c.partials),
          inProgress: sum((c) => c.inProgress),
          appointmentsDueToday: sum((c) => c.appointmentsDueToday),
          neverTried: sum((c) => c.neverTried),
          stillToTry: sum((c) => c.stillToTry),
          exhausted: sum((c) => c.exhausted),
          cases: sum((c) => c.cases),
        },
        cells,
        chart: cumulativeByDay(daily, day.date),
        projection: target === null ? null : projectCompletion({ target, completes, daily, today: day.date }),
      };
    }),
  };
}

// Twenty supervisors watching the same figures share one computation: the first
// request computes; after that every request is answered at once from the latest
// result, and one older than REFRESH_MS starts a single recomputation in the
// background (stale-while-revalidate). The page shows the time of the figures
// ("updated at"), so a person sees how fresh they are: at most about a second
// plus one computation behind, well inside the page's own polling interval.
const REFRESH_MS = 1_000;
let latest: { atMs: number; value: ControlRoomOverview } | null = null;
let computing: Promise<ControlRoomOverview> | null = null;

function recompute(): Promise<ControlRoomOverview> {
  computing ??= getControlRoomOverview({ now: currentTime() })
    .then((value) => {
      latest = { atMs: currentMillis(), value };
      return value;
    })
    .finally(() => {
      computing = null;
    });
  return computing;
}

export async function sharedControlRoomOverview(): Promise<ControlRoomOverview> {
  if (!latest) return recompute();
  if (currentMillis() - latest.atMs >= REFRESH_MS) void recompute().catch(() => undefined);
  return latest.value;
}
