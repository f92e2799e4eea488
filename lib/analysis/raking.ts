/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940): scale the weights
 * to each margin's population totals in turn until every margin is hit.
 *
 * Raking weights are w_i = d_i · g(cell_i), a product of one factor per margin
 * category, so the iteration runs on calibration cells (or, with trimming and
 * unequal base weights, on cells split by base weight) rather than respondents.
 *
 * Trimming (optional): after each full sweep, weights are clamped to
 * [lower, upper] × mean weight (mean = population / respondents) and the sweep is
 * repeated, so the result hits the margins *and* respects the bounds ("trim and
 * re-rake", as in rim-weighting software; cf. R survey's trimWeights + rake). If the
 * bounds cannot be met together with the margins the iteration does not converge
 * and a RAKING_NOT_CONVERGED error says so.
 */
import type { Cells, MarginCodes } from "./calibration";
import { AnalysisError } from "./errors";

export interface TrimBounds {
  /** Smallest weight allowed, as a multiple of the mean weight (e.g. 0.2). */
  readonly lower?: number;
  /** Largest weight allowed, as a multiple of the mean weight (e.g. 5). */
  readonly upper?: number;
}

export interface RakeOptions {
  /** Stop when every margin category's weighted total is within this relative error of its target. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
  readonly trim?: TrimBounds;
}

export const DEFAULT_RAKE_TOLERANCE = 1e-8;
export const DEFAULT_RAKE_MAX_ITERATIONS = 500;

export interface RakeResult {
  readonly weights: Float64Array;
  /** Full sweeps over the margins. */
  readonly iterations: number;
  /** Largest |weighted total − target| / target over all margin categories at the end. */
  readonly maxRelativeError: number;
  /** Respondents whose weight sits at a trimming bound. */
  readonly trimmed: number;
}

interface Groups {
  count: number;
  groupOf: Int32Array;
  cellOfGroup: Int32Array;
  /** Σ d over the group. */
  dSum: Float64Array;
  /** The common base weight of the group's members (trimming bounds are per respondent). */
  dUnit: Float64Array;
}

function constantWeights(d: Float64Array | null): boolean {
  if (!d) return true;
  for (let i = 1; i < d.length; i++) if (d[i] !== d[0]) return false;
  return true;
}

/** Cells, split by base weight value only when trimming needs per-respondent bounds. */
function buildGroups(cells: Cells, d: Float64Array | null, splitByWeight: boolean): Groups {
  const n = cells.cellOf.length;
  if (!splitByWeight || constantWeights(d)) {
    const dSum = new Float64Array(cells.count);
    for (let i = 0; i < n; i++) dSum[cells.cellOf[i]] += d ? d[i] : 1;
    const unit = d && n > 0 ? d[0] : 1;
    return {
      count: cells.count,
      groupOf: cells.cellOf,
      cellOfGroup: Int32Array.from({ length: cells.count }, (_, c) => c),
      dSum,
      dUnit: new Float64Array(cells.count).fill(unit),
    };
  }
  const weightIndex = new Map<number, number>();
  const keyToGroup = new Map<number, number>();
  const groupOf = new Int32Array(n);
  const cellOfGroup: number[] = [];
  const dSum: number[] = [];
  const dUnit: number[] = [];
  for (let i = 0; i < n; i++) {
    const di = d![i];
    let wi = weightIndex.get(di);
    if (wi === undefined) {
      wi = weightIndex.size;
      weightIndex.set(di, wi);
    }
    const key = wi * cells.count + cells.cellOf[i];
    let g = keyToGroup.get(key);
    if (g === undefined) {
      g = cellOfGroup.length;
      keyToGroup.set(key, g);
      cellOfGroup.push(cells.cellOf[i]);
      dSum.push(0);
      dUnit.push(di);
    }
    dSum[g] += di;
    groupOf[i] = g;
  }
  return {
    count: cellOfGroup.length,
    groupOf,
    cellOfGroup: Int32Array.from(cellOfGroup),
    dSum: Float64Array.from(dSum),
    dUnit: Float64Array.from(dUnit),
  };
}

/**
 * Rakes base weights d (null = 1) to `populations[m][c]`, the target of category c of
 * margin m. Margins are assumed validated (every category has respondents, every
 * respondent a targeted category) and their totals equal.
 */
export function rake(
  margins: readonly MarginCodes[],
  populations: readonly Float64Array[],
  cells: Cells,
  baseWeights: Float64Array | null,
  options: RakeOptions = {},
): RakeResult {
  const tolerance = options.tolerance ?? DEFAULT_RAKE_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_RAKE_MAX_ITERATIONS;
  const n = cells.cellOf.length;
  const total = populations[0].reduce((a, b) => a + b, 0);
  const meanWeight = total / n;
  const trim = options.trim;
  const lowerW = trim?.lower !== undefined ? trim.lower * meanWeight : 0;
  const upperW = trim?.upper !== undefined ? trim.upper * meanWeight : Infinity;
  if (trim && !(lowerW <= meanWeight && upperW >= meanWeight && lowerW >= 0)) {
    throw new AnalysisError(
      "INVALID_OPTIONS",
      `Trimming bounds must satisfy 0 ≤ lower ≤ 1 ≤ upper (multiples of the mean weight); got lower ${trim.lower}, upper ${trim.upper}`,
    );
  }
  const groups = buildGroups(cells, baseWeights, trim !== undefined);
  const G = groups.count;
  const M = margins.length;
  const catOfGroup = margins.map((_, m) => {
    const byCell = cells.categoryOf[m];
    const a = new Int32Array(G);
    for (let g = 0; g < G; g++) a[g] = byCell[groups.cellOfGroup[g]];
    return a;
  });
  const factor = new Float64Array(G).fill(1);
  const totals = populations.map((p) => new Float64Array(p.length));

  const marginTotals = (m: number) => {
    const t = totals[m];
    t.fill(0);
    const cat = catOfGroup[m];
    for (let g = 0; g < G; g++) t[cat[g]] += groups.dSum[g] * factor[g];
    return t;
  };
  let worst = { error: Infinity, m: 0, c: 0 };
  const measure = () => {
    worst = { error: 0, m: 0, c: 0 };
    for (let m = 0; m < M; m++) {
      const t = marginTotals(m);
      const p = populations[m];
      for (let c = 0; c < p.length; c++) {
        const e = Math.abs(t[c] - p[c]) / p[c];
        if (e > worst.error) worst = { error: e, m, c };
      }
    }
  };

  let iterations = 0;
  measure();
  while (worst.error > tolerance || (trim && iterations === 0)) {
    if (iterations >= maxIterations) {
      const mg = margins[worst.m];
      throw new AnalysisError(
        "RAKING_NOT_CONVERGED",
        `Raking did not converge in ${maxIterations} iterations: ${mg.variable} = ${mg.labels[worst.c]} is still ${(worst.error * 100).toPrecision(3)}% off its target` +
          (trim
            ? " (the trimming bounds may be too tight for these margins; widen them)"
            : " (margins may be inconsistent; check for categories that only occur together)"),
        mg.variable,
        mg.labels[worst.c],
      );
    }
    iterations++;
    for (let m = 0; m < M; m++) {
      const t = marginTotals(m);
      const p = populations[m];
      const cat = catOfGroup[m];
      for (let g = 0; g < G; g++) factor[g] *= p[cat[g]] / t[cat[g]];
    }
    if (trim) {
      for (let g = 0; g < G; g++) {
        const u = groups.dUnit[g];
        const w = u * factor[g];
        if (w > upperW) factor[g] = upperW / u;
        else if (w < lowerW) factor[g] = lowerW / u;
      }
    }
    measure();
  }

  const weights = new Float64Array(n);
  let trimmed = 0;
  const { groupOf } = groups;
  for (let i = 0; i < n; i++) {
    const w = (baseWeights ? baseWeights[i] : 1) * factor[groupOf[i]];
    weights[i] = w;
    if (trim && (w >= upperW * (1 - 1e-12) || w <= lowerW * (1 + 1e-12))) trimmed++;
  }
  return { weights, iterations, maxRelativeError: worst.error, trimmed };
}
