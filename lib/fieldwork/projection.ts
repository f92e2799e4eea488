// Projections for the control room (issue 15): when a sample reaches its target at
// the last seven days' rate, and whether a quota cell has enough sample left.
// Pure: the caller passes "today" (a UK date) and the counts.
import { addUkDays } from "@/lib/cati/calendar";
import type { IsoDate } from "@/lib/cati/bank-holidays";

export const PROJECTION_DAYS = 7;

export interface DailyCompletes {
  date: IsoDate;
  completes: number;
}

export interface Projection {
  target: number;
  completes: number;
  stillNeeded: number;
  /** Completes in the last seven UK days, today included. */
  lastSevenDays: number;
  perDay: number;
  /** The UK date the target is reached at that rate; today when already reached; null when the rate is 0. */
  projectedDate: IsoDate | null;
  status: "REACHED" | "PROJECTED" | "NO_RECENT_COMPLETES";
}

export function projectCompletion({
  target,
  completes,
  daily,
  today,
}: {
  target: number;
  completes: number;
  daily: readonly DailyCompletes[];
  today: IsoDate;
}): Projection {
  const from = addUkDays(today, -(PROJECTION_DAYS - 1));
  const lastSevenDays = daily.filter((d) => d.date >= from && d.date <= today).reduce((n, d) => n + d.completes, 0);
  const perDay = lastSevenDays / PROJECTION_DAYS;
  const stillNeeded = Math.max(0, target - completes);
  const base = { target, completes, stillNeeded, lastSevenDays, perDay };
  if (stillNeeded === 0) return { ...base, projectedDate: today, status: "REACHED" };
  if (perDay === 0) return { ...base, projectedDate: null, status: "NO_RECENT_COMPLETES" };
  return { ...base, projectedDate: addUkDays(today, Math.ceil(stillNeeded / perDay)), status: "PROJECTED" };
}

/** Cumulative completes per day from the first day with a complete (or today) to today: the chart's points. */
export function cumulativeByDay(daily: readonly DailyCompletes[], today: IsoDate): { date: IsoDate; completes: number; cumulative: number }[] {
  const byDate = new Map<string, number>();
  for (const d of daily) byDate.set(d.date, (byDate.get(d.date) ?? 0) + d.completes);
  const dates = [...byDate.keys()].filter((d) => d <= today).sort();
  let day = dates[0] ?? today;
  const out: { date: IsoDate; completes: number; cumulative: number }[] = [];
  let cumulative = 0;
  for (let guard = 0; day <= today && guard < 400; guard++) {
    const c = byDate.get(day) ?? 0;
    cumulative += c;
    out.push({ date: day, completes: c, cumulative });
    day = addUkDays(day, 1);
  }
  return out;
}

export interface CellOutlook {
  stillNeeded: number;
  /** Completes per finished case: the cell's own once it has MIN_FINISHED finished cases, else the sample's. */
  yieldPerCase: number | null;
  /** Completes the cases still to try should give at that yield. */
  expectedFromRemaining: number | null;
  runsOut: boolean;
  /** Cases to add to the cell (a top-up draw) to cover the shortfall; null when it cannot be estimated. */
  topUp: number | null;
}

export const MIN_FINISHED_FOR_CELL_YIELD = 20;

/**
 * Whether the cell's remaining sample, worked at the yield seen so far, reaches
 * its target. With no yield yet (nothing finished, or no completes) there is no
 * warning: the cell has not shown it will fall short.
 */
export function cellOutlook({
  stillNeeded,
  stillToTry,
  finished,
  finishedCompletes,
  sampleYield,
}: {
  stillNeeded: number;
  stillToTry: number;
  finished: number;
  finishedCompletes: number;
  sampleYield: number | null;
}): CellOutlook {
  const yieldPerCase = finished >= MIN_FINISHED_FOR_CELL_YIELD ? finishedCompletes / finished : sampleYield;
  if (stillNeeded <= 0)
    return { stillNeeded: 0, yieldPerCase, expectedFromRemaining: yieldPerCase === null ? null : stillToTry * yieldPerCase, runsOut: false, topUp: 0 };
  if (yieldPerCase === null) return { stillNeeded, yieldPerCase, expectedFromRemaining: null, runsOut: false, topUp: null };
  const expected = stillToTry * yieldPerCase;
  if (yieldPerCase === 0) return { stillNeeded, yieldPerCase, expectedFromRemaining: 0, runsOut: true, topUp: null };
  const shortfall = stillNeeded - expected;
  return {
    stillNeeded,
    yieldPerCase,
    expectedFromRemaining: expected,
    runsOut: shortfall > 0,
    topUp: shortfall > 0 ? Math.ceil(shortfall / yieldPerCase - 1e-9) : 0,
  };
}
