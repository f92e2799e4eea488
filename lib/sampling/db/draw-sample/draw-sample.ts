import "server-only";
import { AppError } from "@/lib/errors";
import { allocateSample, type AllocationWarning } from "../../draw/allocation";
import { allocationRequest } from "./allocation-request";
import { buildPopulation } from "./population";
import { nextSequence } from "./sequence";
import { writeSample, type Picks } from "./write-sample";
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
// One transaction on one connection, in the steps of lib/sampling/db/README.md
// "Draw" (the list is kept there, once): the frame's lock and the period's
// sequence (sequence.ts), the population with each client's first exclusion
// rule (population.ts), the waterfall and allocation, the seeded selection, and
// the rows and audit event (write-sample.ts). A preview stops after the
// allocation and rolls back: nothing is written.
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
      const sequence = await nextSequence(pg, { input, firstMonth: period.firstMonth, field, periodWords });

      await buildPopulation(pg, { service: design.frame, from, to, contactReasons: design.contactReasons, mode: input.mode, at });
      // One pass over the population: the waterfall's and the strata's counts.
      const counts = await pg.query<{ reason: string; role: string; rule: ExclusionRule | null; n: number }>(
        `SELECT reason::text, "role"::text, excluded_by AS rule, count(*)::int AS n
         FROM pg_temp.draw_population GROUP BY reason, "role", excluded_by`,
      );
      const excludedBy: Partial<Record<ExclusionRule, number>> = {};
      const byStratum = new Map<string, { reason: string; role: string; population: number; eligible: number }>();
      let population = 0;
      for (const { reason, role, rule, n } of counts.rows) {
        population += n;
        if (rule !== null) excludedBy[rule] = (excludedBy[rule] ?? 0) + n;
        const key = `${reason}|${role}`;
        let g = byStratum.get(key);
        if (!g) byStratum.set(key, (g = { reason, role, population: 0, eligible: 0 }));
        g.population += n;
        if (rule === null) g.eligible += n;
      }
      const waterfall = waterfallFromCounts(population, excludedBy);
      if (population === 0) {
        throw new AppError(
          period.period === "QUARTER" ? "EMPTY_QUARTER" : "EMPTY_MONTH",
          `No ${design.frame} clients had ${contactWords(input.survey)} in ${periodWords}: import the frame for ${period.period === "QUARTER" ? "those months" : "that month"} first.`,
          field,
        );
      }
      // Stratum keys (strata.ts) in code-point order; the month or quarter fixes the quarter.
      const strataCounts = {
        rows: [...byStratum.values()]
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
      const picks: Picks = [];
      for (const s of strataCounts.rows) {
        const size = allocated.get(s.stratum) ?? 0;
        if (size > 0) picks.push({ stratum: s.stratum, positions: samplePositions(s.eligible, size, stratumRng(seed, s.stratum)) });
      }
      const drawn = picks.reduce((n, p) => n + p.positions.length, 0);

      const strata = strataResult(true);
      const sampleId = await writeSample(pg, {
        input,
        period,
        sequence,
        seed,
        request,
        allocation,
        waterfall,
        population,
        strata,
        quotaTargets,
        picks,
        actorId: options.actorId,
        at,
      });
      await pg.query("COMMIT");
      // Fresh statistics for the telephone queue: until autovacuum analyses the
      // new cases the planner would scan the whole queue on every next-case.
      await pg.query('ANALYZE "SampleCase"');
      return { ...base, sampleId, drawn, strata, seconds: (performance.now() - started) / 1000 };
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
