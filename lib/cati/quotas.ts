// Quota control (fieldwork.md "Quotas"), pure part: when a quota cell is full,
// how a disposition change moves its counts, and how a total target is spread
// over a sample's cells.
//
// - A cell counts its cases coded 1.1 (complete) and, only when the quota says
//   so (Sample.quotaCountsPartials), those coded 1.2 (partial).
// - FULL: achieved >= target. Its cases are no longer offered; a respondent who
//   reaches the end of screening in it is closed politely (4.80). A supervisor
//   reopens a full cell by raising its target.
// - CLOSED: a supervisor closed it, whatever the counts; reopening clears that.
import { allocateSample } from "@/lib/sampling/draw/allocation";

export const QUOTA_COMPLETE = "1.1";
export const QUOTA_PARTIAL = "1.2";

export type QuotaCellStatus = "OPEN" | "FULL" | "CLOSED";

export interface QuotaCellCounts {
  target: number;
  completes: number;
  partials: number;
  closed: boolean;
}

/** What counts toward the target. */
export function achieved(cell: QuotaCellCounts, countsPartials: boolean): number {
  return cell.completes + (countsPartials ? cell.partials : 0);
}

export function quotaCellStatus(cell: QuotaCellCounts, countsPartials: boolean): QuotaCellStatus {
  if (cell.closed) return "CLOSED";
  return achieved(cell, countsPartials) >= cell.target ? "FULL" : "OPEN";
}

/**
 * Whether the telephone queue may offer a case in this cell (and an interview in
 * it may go on): the cell is OPEN, or the case is a partial that already counts.
 * The queue runs this rule as SQL (db/quotas.ts quotaCellTakesCaseSql);
 * quotas.db.test.ts holds the two equal on generated cells.
 */
export function quotaCellTakesCase(cell: QuotaCellCounts, countsPartials: boolean, disposition: string): boolean {
  if (countsPartials && disposition === QUOTA_PARTIAL) return true;
  return quotaCellStatus(cell, countsPartials) === "OPEN";
}

/** Completes still needed (never negative). */
export function stillNeeded(cell: QuotaCellCounts, countsPartials: boolean): number {
  return Math.max(0, cell.target - achieved(cell, countsPartials));
}

/** How a case moving from one disposition to another changes its cell's counts. */
export function quotaDelta(from: string, to: string): { completes: number; partials: number } {
  const is = (code: string, d: string) => (d === code ? 1 : 0);
  return {
    completes: is(QUOTA_COMPLETE, to) - is(QUOTA_COMPLETE, from),
    partials: is(QUOTA_PARTIAL, to) - is(QUOTA_PARTIAL, from),
  };
}

export interface QuotaCellSeed {
  stratum: string;
  /** Cases drawn into the cell (its sample). */
  drawn: number;
}

/**
 * Spreads a total target of completes over the cells in proportion to the cases
 * drawn into each (the allocation rules of the draw: largest remainders, summing
 * exactly), or equally. A cell never gets more than it has cases.
 */
export function spreadQuotaTargets(
  cells: readonly QuotaCellSeed[],
  total: number,
  method: "proportional" | "equal",
): { ok: true; targets: Map<string, number>; shortfall: number } | { ok: false; message: string } {
  const result = allocateSample(
    cells.map((c) => ({ stratum: c.stratum, eligible: c.drawn })),
    { method, size: total },
  );
  if (!result.ok) return { ok: false, message: "The total target must be a whole number of at least 1." };
  return { ok: true, targets: new Map(result.strata.map((s) => [s.stratum, s.allocated])), shortfall: result.shortfall };
}
