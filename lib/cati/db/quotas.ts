import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { QUOTA_PARTIAL, quotaCellStatus, quotaDelta, spreadQuotaTargets, stillNeeded, type QuotaCellStatus } from "../quotas";
import type { QuotaCellActionInput, QuotaSetUpInput, QuotaTargetInput } from "../quota-schemas";
import { parseStratumKey, quarterLabel } from "@/lib/sampling/draw/strata";
import { sampleLabel } from "@/lib/sampling/surveys";
import { sqlTime } from "./sql";
import { currentTime } from "@/lib/clock";

// Quota control (fieldwork.md "Quotas", issue 4), database part. A sample's
// quota cells are its strata; each keeps its completes and partials, moved in
// the same transaction as the call outcome that changes a case's disposition
// (countQuotaOutcome), so the next-case statement reads counts, never counts.

type Tx = Prisma.TransactionClient;

/**
 * quotaCellTakesCase (../quotas.ts) in SQL, over the columns named: the cell
 * `q` (a QuotaCell), whether its sample counts partials, and the case's
 * disposition. quotas.db.test.ts holds it equal to the TypeScript on generated cells.
 */
export function quotaCellTakesCaseSql(q: string, countsPartials: string, disposition: string): string {
  return `((${countsPartials} AND ${disposition} = '${QUOTA_PARTIAL}')
          OR (${q}."closedAt" IS NULL AND ${q}."completes" + CASE WHEN ${countsPartials} THEN ${q}."partials" ELSE 0 END < ${q}."target"))`;
}

/**
 * The next-case condition (take-next-case.ts; `sc` is the SampleCase alias): the
 * case's cell, if it has one, takes it.
 */
export const QUOTA_CELL_OPEN_SQL = `NOT EXISTS (
        SELECT 1 FROM "QuotaCell" q JOIN "Sample" qs ON qs."id" = q."sampleId"
        WHERE q."stratumId" = sc."stratumId"
          AND NOT ${quotaCellTakesCaseSql("q", `qs."quotaCountsPartials"`, `sc."disposition"`)})`;

/**
 * Moves the case's cell counts for a disposition change. Call it in the
 * transaction that changes the disposition, with the case row locked: the
 * increments lock the cell row, so concurrent outcomes add up exactly.
 */
export async function countQuotaOutcome({ caseId, from, to }: { caseId: string; from: string; to: string }, tx: Tx): Promise<void> {
  const d = quotaDelta(from, to);
  if (d.completes === 0 && d.partials === 0) return;
  await tx.$executeRaw`
    UPDATE "QuotaCell" q SET "completes" = q."completes" + ${d.completes}::int, "partials" = q."partials" + ${d.partials}::int, "updatedAt" = now()
    FROM "SampleCase" sc WHERE sc."id" = ${caseId}::uuid AND q."stratumId" = sc."stratumId"`;
}

/** Whether the case's quota cell still takes interviews (no cell: no quota, open). */
export async function isQuotaCellOpenForCase({ caseId }: { caseId: string }, tx: Tx = db()): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ open: boolean }[]>(`SELECT ${QUOTA_CELL_OPEN_SQL} AS "open" FROM "SampleCase" sc WHERE sc."id" = $1::uuid`, caseId);
  return rows[0]?.open ?? true;
}

export interface QuotaCellView {
  /** null until quotas are set up for the sample */
  cellId: string | null;
  stratum: string;
  role: string;
  contactReason: string;
  target: number | null;
  completes: number;
  partials: number;
  /** cases held by an interviewer now */
  inProgress: number;
  /** cases not final and not held: still to be worked */
  remaining: number;
  cases: number;
  status: QuotaCellStatus | null;
  stillNeeded: number | null;
  closedAt: Date | null;
  closedBy: string | null;
}

export interface QuotaView {
  sampleId: string;
  label: string;
  /** "January to March 2015": the strata's quarter, when they share one */
  quarter: string | null;
  mode: string;
  countsPartials: boolean;
  hasQuotas: boolean;
  cells: QuotaCellView[];
  totals: { target: number; completes: number; partials: number; inProgress: number; remaining: number; cases: number };
  at: Date;
}

export { sampleLabel };

/** The supervisor's live quota table of one sample (null: no such sample). */
export async function getQuotaView({ sampleId, now = currentTime() }: { sampleId: string; now?: Date }): Promise<QuotaView | null> {
  const sample = await db().sample.findUnique({
    where: { id: sampleId },
    select: { id: true, survey: true, month: true, period: true, sequence: true, mode: true, quotaCountsPartials: true },
  });
  if (!sample) return null;
  const rows = await db().$queryRawUnsafe<
    {
      cellId: bigint | null;
      stratum: string;
      role: string;
      contactReason: string;
      target: number | null;
      completes: number | null;
      partials: number | null;
      closedAt: Date | null;
      closedBy: string | null;
      inProgress: number;
      remaining: number;
      cases: number;
      done11: number;
      done12: number;
    }[]
  >(
    `SELECT q."id" AS "cellId", st."stratum", st."role"::text AS "role", st."contactReason"::text AS "contactReason",
            q."target", q."completes", q."partials", q."closedAt", u."name" AS "closedBy",
            count(sc."id") FILTER (WHERE sc."heldUntil" > $2::timestamp AND NOT sc."final")::int AS "inProgress",
            count(sc."id") FILTER (WHERE NOT sc."final" AND (sc."heldUntil" IS NULL OR sc."heldUntil" <= $2::timestamp))::int AS "remaining",
            count(sc."id")::int AS "cases",
            count(sc."id") FILTER (WHERE sc."disposition" = '1.1')::int AS "done11",
            count(sc."id") FILTER (WHERE sc."disposition" = '1.2')::int AS "done12"
     FROM "SampleStratum" st
     LEFT JOIN "QuotaCell" q ON q."stratumId" = st."id"
     LEFT JOIN "User" u ON u."id" = q."closedById"
     LEFT JOIN "SampleCase" sc ON sc."stratumId" = st."id"
     WHERE st."sampleId" = $1::uuid
     GROUP BY st."id", q."id", u."name"
     ORDER BY st."stratum"`,
    sampleId,
    sqlTime(now),
  );
  const countsPartials = sample.quotaCountsPartials;
  const cells: QuotaCellView[] = rows.map((r) => {
    const counts = r.cellId === null ? null : { target: r.target!, completes: r.completes!, partials: r.partials!, closed: r.closedAt !== null };
    return {
      cellId: r.cellId === null ? null : r.cellId.toString(),
      stratum: r.stratum,
      role: r.role,
      contactReason: r.contactReason,
      target: counts?.target ?? null,
      completes: counts?.completes ?? r.done11,
      partials: counts?.partials ?? r.done12,
      inProgress: r.inProgress,
      remaining: r.remaining,
      cases: r.cases,
      status: counts ? quotaCellStatus(counts, countsPartials) : null,
      stillNeeded: counts ? stillNeeded(counts, countsPartials) : null,
      closedAt: r.closedAt,
      closedBy: r.closedBy,
    };
  });
  const quarters = new Set(cells.map((c) => parseStratumKey(c.stratum).quarter));
  const sum = (f: (c: QuotaCellView) => number) => cells.reduce((n, c) => n + f(c), 0);
  return {
    sampleId,
    label: sampleLabel(sample),
    quarter: quarters.size === 1 ? quarterLabel([...quarters][0]) : null,
    mode: sample.mode,
    countsPartials,
    hasQuotas: cells.some((c) => c.cellId !== null),
    cells,
    totals: {
      target: sum((c) => c.target ?? 0),
      completes: sum((c) => c.completes),
      partials: sum((c) => c.partials),
      inProgress: sum((c) => c.inProgress),
      remaining: sum((c) => c.remaining),
      cases: sum((c) => c.cases),
    },
    at: now,
  };
}

/** Samples to choose from on the quota page, newest first. */
export async function listQuotaSamples(take = 24): Promise<{ id: string; label: string; hasQuotas: boolean }[]> {
  const samples = await db().sample.findMany({
    orderBy: [{ drawnAt: "desc" }],
    take,
    select: { id: true, survey: true, month: true, period: true, sequence: true, _count: { select: { quotaCells: true } } },
  });
  return samples.map((s) => ({ id: s.id, label: sampleLabel(s), hasQuotas: s._count.quotaCells > 0 }));
}

/**
 * Sets up (or re-spreads) a sample's quota: a cell per stratum with its share of
 * the total target, and whether partials count. Counts start from the cases'
 * dispositions now; the cases are share-locked meanwhile so no outcome is
 * missed between the count and the commit.
 */
export async function setUpQuotaCells({ input, actorId }: { input: QuotaSetUpInput; actorId: string | null }): Promise<{ cells: number; shortfall: number }> {
  return db().$transaction(async (tx) => {
    const strata = await tx.sampleStratum.findMany({
      where: { sampleId: input.sampleId },
      select: { id: true, stratum: true, drawn: true },
      orderBy: { stratum: "asc" },
    });
    if (strata.length === 0) throw new AppError("SAMPLE_NOT_FOUND", "There is no such sample, or it has no strata.", "sampleId");
    const spread = spreadQuotaTargets(strata, input.total, input.method);
    if (!spread.ok) throw new AppError("INVALID_TARGET", spread.message, "total");
    await tx.$executeRaw`SELECT 1 FROM "SampleCase" WHERE "sampleId" = ${input.sampleId}::uuid FOR SHARE`;
    await tx.sample.update({ where: { id: input.sampleId }, data: { quotaCountsPartials: input.countsPartials } });
    for (const st of strata) {
      const target = spread.targets.get(st.stratum) ?? 0;
      await tx.$executeRaw`
        INSERT INTO "QuotaCell" ("sampleId", "stratumId", "target", "completes", "partials")
        SELECT ${input.sampleId}::uuid, ${st.id}, ${target}::int,
               count(*) FILTER (WHERE "disposition" = '1.1'), count(*) FILTER (WHERE "disposition" = '1.2')
        FROM "SampleCase" WHERE "stratumId" = ${st.id}
        ON CONFLICT ("stratumId") DO UPDATE SET "target" = EXCLUDED."target", "completes" = EXCLUDED."completes",
          "partials" = EXCLUDED."partials", "updatedAt" = now()`;
    }
    await recordAuditEvent(tx, {
      actorId,
      action: "quota.set_up",
      entityType: "Sample",
      entityId: input.sampleId,
      details: {
        total: input.total,
        method: input.method,
        countsPartials: input.countsPartials,
        targets: Object.fromEntries(spread.targets),
        shortfall: spread.shortfall,
      },
    });
    return { cells: strata.length, shortfall: spread.shortfall };
  });
}

async function lockCell(tx: Tx, cellId: string) {
  const cell = await tx.quotaCell.findUnique({
    where: { id: BigInt(cellId) },
    select: {
      id: true,
      target: true,
      closedAt: true,
      sampleId: true,
      stratumId: true,
      completes: true,
      partials: true,
      sample: { select: { quotaCountsPartials: true } },
      stratum: { select: { stratum: true } },
    },
  });
  if (!cell) throw new AppError("QUOTA_CELL_NOT_FOUND", "There is no such quota cell. Reload the page.");
  return cell;
}

/**
 * What a cell can still reach (issue 18): the interviews it counts so far and
 * its cases not yet final (each may become one more).
 */
export interface QuotaReach {
  counted: number;
  openCases: number;
}

/** The warning for a target above what the cell's sample can reach, or null. */
export function targetBeyondReach(target: number, reach: QuotaReach): string | null {
  const most = reach.counted + reach.openCases;
  if (target <= most) return null;
  return `The target of ${target.toLocaleString("en-GB")} is more than this cell can reach: ${reach.counted.toLocaleString("en-GB")} interviews so far and ${reach.openCases.toLocaleString("en-GB")} cases still to call, ${most.toLocaleString("en-GB")} at most. Draw a top-up sample or lower the target.`;
}

/**
 * A new target for one cell: raising it reopens a full cell, lowering it may
 * fill it. Returns a warning when the target is more than the cell's sample can
 * reach (the target is saved all the same).
 */
export async function changeQuotaTarget({ input, actorId }: { input: QuotaTargetInput; actorId: string }): Promise<{ warning: string | null }> {
  return db().$transaction(async (tx) => {
    const cell = await lockCell(tx, input.cellId);
    const openCases = await tx.sampleCase.count({ where: { stratumId: cell.stratumId, final: false } });
    const warning = targetBeyondReach(input.target, { counted: cell.completes + (cell.sample.quotaCountsPartials ? cell.partials : 0), openCases });
    await tx.quotaCell.update({ where: { id: cell.id }, data: { target: input.target } });
    await recordAuditEvent(tx, {
      actorId,
      action: "quota.target_changed",
      entityType: "QuotaCell",
      entityId: input.cellId,
      details: { sampleId: cell.sampleId, stratum: cell.stratum.stratum, from: cell.target, to: input.target },
    });
    return { warning };
  });
}

/** Closes a cell now (whatever its counts), or reopens one a supervisor closed. */
export async function setQuotaCellClosed({ input, actorId, now = currentTime() }: { input: QuotaCellActionInput; actorId: string; now?: Date }): Promise<void> {
  await db().$transaction(async (tx) => {
    const cell = await lockCell(tx, input.cellId);
    const close = input.action === "close";
    await tx.quotaCell.update({ where: { id: cell.id }, data: close ? { closedAt: now, closedById: actorId } : { closedAt: null, closedById: null } });
    await recordAuditEvent(tx, {
      actorId,
      action: close ? "quota.cell_closed" : "quota.cell_reopened",
      entityType: "QuotaCell",
      entityId: input.cellId,
      details: { sampleId: cell.sampleId, stratum: cell.stratum.stratum },
    });
  });
}
