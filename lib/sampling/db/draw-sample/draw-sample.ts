import "server-only";
import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { allocateSample, type AllocationWarning } from "../../draw/allocation";
import { ALLOCATION_METHOD, allocationRequest } from "./allocation-request";
import { buildPopulation } from "./population";
import { samplePositions, stratumRng } from "../../draw/selection";
import { resolveSeed } from "../../draw/seed";
import type { DrawSampleRequest } from "../../schemas";
import { parseStratumKey, stratumLabel } from "../../draw/strata";
import { contactPeriod, contactWords, SURVEY_DESIGNS, type SamplePeriod, type SampleSurvey } from "../../surveys";
import { waterfallFromCounts, type ExclusionRule, type SurveyMode, type WaterfallStep } from "../../draw/waterfall";
import { withPgClient } from "../pg";
import { currentTime } from "@/lib/clock";

// The sample draw (methodology.md "Sampling"; issue 6): a month of a monthly
// survey, or a quarter of CES from the CMS frame (issue 13; surveys.ts).
//
// One transaction on one connection:
//   1. a transaction-scoped advisory lock per frame, so draws from one frame run
//      one at a time (two draws at once, two months of CMS or CMS and CES, could
//      pick the same client twice despite the six-month rule); then the business
//      rule: a period has one main sample, later draws must be explicit top-ups;
//   2. the period's population into a temporary table, each client marked with
//      the first exclusion rule that applies (SQL, set-based: population.ts);
//   3. the waterfall and strata counts from it; the allocation (draw/allocation.ts,
//      the form's choice mapped by allocation-request.ts);
//   4. the eligible clients of each stratum in client_ref order, and the seeded
//      stratified SRSWOR (selection.ts) over them;
//   5. Sample, SampleStratum and SampleCase rows, CES's quota cells with their
//      minimum interview targets, and the audit event; commit.
// A preview stops after 3 and rolls back: nothing is written.
// The unique (survey, month, sequence) constraint backs the lock up.

export interface DrawSampleOptions {
  input: DrawSampleRequest;
  /** Who draws (null from the command line). */
  actorId: string | null;
  /** Counts only: nothing is written. */
  preview?: boolean;
  /** The draw's time, for the six-month rule (default now; tests set it). */
  at?: Date;
}

export interface StratumResult {
  stratum: string;
  label: string;
  population: number;
  eligible: number;
  allocated: number;
  drawn: number;
  /** N_h / n_h, null when nothing was drawn from the stratum. */
  designWeight: number | null;
}

export interface DrawResult {
  /** null for a preview. */
  sampleId: string | null;
  survey: SampleSurvey;
  period: SamplePeriod;
  /** YYYY-MM: the contact month, or the quarter's first month (Sample.month) */
  month: string;
  /** "2015-03", or "2023-Q2" */
  periodCode: string;
  /** "2015-03", or "April to June 2023 (2023-Q2)" */
  periodLabel: string;
  sequence: number;
  mode: SurveyMode;
  seed: number;
  population: number;
  eligible: number;
  requested: number;
  drawn: number;
  shortfall: number;
  waterfall: WaterfallStep[];
  strata: StratumResult[];
  warnings: AllocationWarning[];
  /** CES: the quota cells' minimum interview targets by stratum (none for the monthly surveys). */
  quotaTargets: Record<string, number> | null;
  seconds: number;
}

/** An unused key space for pg_advisory_xact_lock(int, int): draws from one frame. */
const DRAW_LOCK = 0x66770006;
const FRAME_LOCK = { CMS: 1, OPTIONS: 2 } as const;

export async function drawSample(options: DrawSampleOptions): Promise<DrawResult> {
  const started = performance.now();
  const { input } = options;
  const seed = resolveSeed(input.seed);
  const request = allocationRequest(input);
  const at = options.at ?? currentTime();
  const design = SURVEY_DESIGNS[input.survey];
  const period = contactPeriod(input.period, input.periodCode);
  const { from, to, quarter } = period;
  const field = period.period === "QUARTER" ? "quarter" : "month";
  const periodWords = period.period === "QUARTER" ? period.label : period.code;

  return withPgClient(async (pg) => {
    // Room for the month's population in memory (before the session's first temp table).
    await pg.query("SET temp_buffers = '64MB'");
    await pg.query("BEGIN");
    try {
      // A short query: JIT compilation would cost more than it saves; the
      // population's sorts fit in memory.
      await pg.query("SET LOCAL jit = off");
      await pg.query("SET LOCAL work_mem = '64MB'");
      await pg.query("SELECT pg_advisory_xact_lock($1, $2)", [DRAW_LOCK, FRAME_LOCK[design.frame]]);
      const existing = await pg.query<{ sequence: number }>(
        `SELECT max("sequence") AS sequence FROM "Sample" WHERE "survey" = $1 AND "month" = $2`,
        [input.survey, period.firstMonth],
      );
      const last = existing.rows[0]?.sequence ?? null;
      if (!input.topUp && last !== null) {
        throw new AppError(
          "SAMPLE_EXISTS",
          `${input.survey} already has a sample for ${periodWords}. To add clients to it, draw a top-up.`,
          field,
        );
      }
      if (input.topUp && last === null) {
        throw new AppError("NO_SAMPLE_TO_TOP_UP", `${input.survey} has no sample for ${periodWords} yet, so there is nothing to top up.`, "topUp");
      }
      const sequence = (last ?? 0) + 1;

      await buildPopulation(pg, { service: design.frame, from, to, contactReasons: design.contactReasons, mode: input.mode, at });
      const ruleCounts = await pg.query<{ rule: ExclusionRule | null; n: number }>(
        `SELECT excluded_by AS rule, count(*)::int AS n FROM pg_temp.draw_population GROUP BY 1`,
      );
      const excludedBy: Partial<Record<ExclusionRule, number>> = {};
      let population = 0;
      for (const { rule, n } of ruleCounts.rows) {
        population += n;
        if (rule !== null) excludedBy[rule] = n;
      }
      const waterfall = waterfallFromCounts(population, excludedBy);
      if (population === 0) {
        throw new AppError(
          period.period === "QUARTER" ? "EMPTY_QUARTER" : "EMPTY_MONTH",
          `No ${design.frame} clients had ${contactWords(input.survey)} in ${periodWords}: import the frame for ${period.period === "QUARTER" ? "those months" : "that month"} first.`,
          field,
        );
      }
      const grouped = await pg.query<{ reason: string; role: string; population: number; eligible: number }>(
        `SELECT reason::text, "role"::text, count(*)::int AS population, count(*) FILTER (WHERE excluded_by IS NULL)::int AS eligible
         FROM pg_temp.draw_population GROUP BY reason, "role"`,
      );
      // Stratum keys (strata.ts) in code-point order; the month or quarter fixes the quarter.
      const strataCounts = {
        rows: grouped.rows
          .map((g) => ({ stratum: `${quarter}|${g.reason}|${g.role}`, population: g.population, eligible: g.eligible }))
          .sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0)),
      };
      const allocation = allocateSample(
        strataCounts.rows.map((s) => ({ stratum: s.stratum, eligible: s.eligible })),
        request,
      );
      if (!allocation.ok) {
        const field = allocation.error.field === "minimum" ? "minimumPerStratum" : allocation.error.field === "sizes" ? "fixedSizes" : "size";
        throw new AppError(allocation.error.code, allocation.error.message, field);
      }
      const allocated = new Map(allocation.strata.map((s) => [s.stratum, s.allocated]));

      const strataResult = (drawn: boolean): StratumResult[] =>
        strataCounts.rows.map((s) => {
          const n = allocated.get(s.stratum) ?? 0;
          return {
            stratum: s.stratum,
            label: stratumLabel(s.stratum),
            population: s.population,
            eligible: s.eligible,
            allocated: n,
            drawn: drawn ? n : 0,
            designWeight: n > 0 ? s.eligible / n : null,
          };
        });
      // CES: a quota cell per stratum (parent type x contact reason within the
      // quarter) with its minimum interview target (methodology.md, CES). The
      // main sample only: a top-up's cells would ask for the minimums a second
      // time (a supervisor may set the top-up's quotas on the quota page).
      const minimums = sequence === 1 ? design.minimumInterviews : undefined;
      const quotaTargets = minimums
        ? Object.fromEntries(
            strataCounts.rows.map((s) => {
              const { contactReason, role } = parseStratumKey(s.stratum);
              return [s.stratum, input.minimumInterviews ?? minimums[`${contactReason}|${role}`] ?? 0];
            }),
          )
        : null;
      const base = {
        survey: input.survey,
        period: period.period,
        month: period.firstMonth,
        periodCode: period.code,
        periodLabel: period.label,
        quotaTargets,
        sequence,
        mode: input.mode,
        seed,
        population,
        eligible: waterfall.eligible,
        requested: allocation.requested,
        shortfall: allocation.shortfall,
        waterfall: waterfall.steps,
        warnings: allocation.warnings,
      };
      if (options.preview) {
        await pg.query("ROLLBACK");
        return { ...base, sampleId: null, drawn: 0, strata: strataResult(false), seconds: (performance.now() - started) / 1000 };
      }

      // selection.ts's stratified SRSWOR needs only N_h and n_h to choose positions
      // (its drawStratifiedSample maps them to ids[position]); the positions are
      // chosen here and mapped to clients in SQL, over each stratum's eligible
      // clients in client_ref order (byte order), so the same seed on the same
      // frame draws the same clients and 200,000 ids never leave the database.
      const picks = { stratum: [] as string[], position: [] as number[], order: [] as number[], weight: [] as number[] };
      for (const s of strataCounts.rows) {
        const size = allocated.get(s.stratum) ?? 0;
        if (size === 0) continue;
        const positions = samplePositions(s.eligible, size, stratumRng(seed, s.stratum));
        for (let k = 0; k < positions.length; k++) {
          picks.stratum.push(s.stratum);
          picks.position.push(positions[k]);
          picks.order.push(k + 1);
          picks.weight.push(s.eligible / size);
        }
      }

      const sample = await pg.query<{ id: string }>(
        `INSERT INTO "Sample" ("id", "survey", "month", "sequence", "mode", "seed", "allocationMethod", "requestedSize", "minimumPerStratum",
                               "allocation", "waterfall", "population", "eligible", "drawn", "drawnById", "drawnAt", "period")
         VALUES ($16, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $17) RETURNING "id"`,
        [
          input.survey,
          period.firstMonth,
          sequence,
          input.mode,
          seed,
          ALLOCATION_METHOD[input.allocation],
          allocation.requested,
          input.allocation === "minimum" ? (input.minimumPerStratum ?? 0) : null,
          JSON.stringify({ request, warnings: allocation.warnings, shortfall: allocation.shortfall }),
          JSON.stringify(waterfall.steps),
          population,
          waterfall.eligible,
          picks.stratum.length,
          options.actorId,
          at.toISOString(),
          randomUUID(), // Sample.id is generated by Prisma's client, not the database
          period.period,
        ],
      );
      const sampleId = sample.rows[0].id;
      const strata = strataResult(true);
      const parts = strata.map((s) => parseStratumKey(s.stratum));
      const stratumRows = await pg.query<{ id: string; stratum: string }>(
        `INSERT INTO "SampleStratum" ("sampleId", "stratum", "quarter", "contactReason", "role", "population", "eligible", "allocated", "drawn")
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::"ContactReason"[], $5::"ClientRole"[], $6::int[], $7::int[], $8::int[], $9::int[])
         RETURNING "id"::text, "stratum"`,
        [
          sampleId,
          strata.map((s) => s.stratum),
          parts.map((p) => p.quarter),
          parts.map((p) => p.contactReason),
          parts.map((p) => p.role),
          strata.map((s) => s.population),
          strata.map((s) => s.eligible),
          strata.map((s) => s.allocated),
          strata.map((s) => s.drawn),
        ],
      );
      const stratumId = new Map(stratumRows.rows.map((r) => [r.stratum, r.id]));
      if (quotaTargets) {
        await pg.query(
          `INSERT INTO "QuotaCell" ("sampleId", "stratumId", "target")
           SELECT $1, * FROM unnest($2::bigint[], $3::int[])`,
          [sampleId, strata.map((s) => stratumId.get(s.stratum) as string), strata.map((s) => quotaTargets[s.stratum])],
        );
      }
      // MIXED: online first where an invitation can reach the client (our rule), else phone.
      const caseMode = input.mode === "MIXED" ? `CASE WHEN r.online THEN 'ONLINE' ELSE 'PHONE' END::"SurveyMode"` : `'${input.mode}'::"SurveyMode"`;
      // unnest() hides the picks' count from the planner, which then walks the
      // ranked population once per pick (a nested loop, or a merge join on the
      // stratum filtering on the position): make it hash on all three.
      await pg.query("SET LOCAL enable_nestloop = off");
      await pg.query("SET LOCAL enable_mergejoin = off");
      const inserted = await pg.query(
        `WITH picks AS (
           SELECT * FROM unnest($2::"ContactReason"[], $3::"ClientRole"[], $4::int[], $5::int[], $6::float8[], $7::bigint[])
             AS p(reason, "role", pos, draw_order, weight, stratum_id)
         ),
         ranked AS (
           -- strata by their enum columns: cheaper to sort on than the text key
           SELECT client_id, reason, "role", online,
                  (row_number() OVER (PARTITION BY reason, "role" ORDER BY client_ref COLLATE "C") - 1)::int AS pos
           FROM pg_temp.draw_population
           WHERE excluded_by IS NULL
         )
         INSERT INTO "SampleCase" ("sampleId", "clientId", "stratumId", "designWeight", "drawOrder", "mode", "selectedAt")
         SELECT $1, r.client_id, p.stratum_id, p.weight, p.draw_order, ${caseMode}, $8::timestamp
         FROM picks p JOIN ranked r ON r.reason = p.reason AND r."role" = p."role" AND r.pos = p.pos`,
        [
          sampleId,
          picks.stratum.map((k) => parseStratumKey(k).contactReason),
          picks.stratum.map((k) => parseStratumKey(k).role),
          picks.position,
          picks.order,
          picks.weight,
          picks.stratum.map((k) => stratumId.get(k) as string),
          at.toISOString(),
        ],
      );
      if (inserted.rowCount !== picks.stratum.length) {
        throw new Error(`the draw chose ${picks.stratum.length} clients but ${inserted.rowCount} cases were written`);
      }
      // The audit event in the same transaction.
      await recordAuditEvent(pg, {
        actorId: options.actorId,
        action: "sample.drawn",
        entityType: "Sample",
        entityId: sampleId,
        details: {
          survey: input.survey,
          period: period.period,
          month: period.firstMonth,
          ...(quotaTargets ? { quotaTargets } : {}),
          sequence,
          mode: input.mode,
          seed,
          allocation: input.allocation,
          requested: allocation.requested,
          drawn: picks.stratum.length,
          population,
          eligible: waterfall.eligible,
        },
      });
      await pg.query("COMMIT");
      // Fresh statistics for the telephone queue: until autovacuum analyses the
      // new cases the planner would scan the whole queue on every next-case.
      await pg.query('ANALYZE "SampleCase"');
      return { ...base, sampleId, drawn: picks.stratum.length, strata, seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      await pg.query("ROLLBACK").catch(() => undefined);
      if ((error as { code?: string }).code === "23505") {
        // The unique (survey, month, sequence) constraint: another draw got there first.
        throw new AppError("SAMPLE_EXISTS", `Another draw of ${input.survey} ${periodWords} was committed first; reload to see it.`, field);
      }
      throw error;
    }
  });
}

