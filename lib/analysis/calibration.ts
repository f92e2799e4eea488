/**
 * Calibration cells and residuals.
 *
 * Post-stratification and raking weights are functions of the calibration cell
 * (the cross of all margin categories), so respondents are collapsed into cells
 * once; raking and the variance projections then work on a few hundred cells
 * instead of a million respondents.
 *
 * Variance of calibrated estimators (Deville & Särndal 1992; Lumley, Complex
 * Surveys §7.3; R survey's svyrecvar): the linearised variable z is replaced by its
 * residual e = z − Xβ from the regression of z on the calibration dummies X,
 * weighted by the pre-calibration weights d: β = (XᵀDX)⁻ XᵀDz. For one margin
 * (post-stratification) e is z minus its post-stratum weighted mean; for raking it
 * is the projection on all margins' dummy columns together (R's calibrate(); R's
 * rake() reaches the same projection by backfitting when d is constant).
 */
import type { CodeArray } from "./data";
import { choleskyDropping, solveCholesky, type Cholesky } from "./linalg";

/** A calibration variable after validation: every respondent has a category 0..levels-1. */
export interface MarginCodes {
  readonly variable: string;
  /** Target category labels, in target order. */
  readonly labels: readonly string[];
  /** Respondent codes in the data's factor. */
  readonly codes: CodeArray;
  /** Data level -> target category index. */
  readonly lookup: Int32Array;
}

export interface Cells {
  readonly count: number;
  /** Respondent -> cell. */
  readonly cellOf: Int32Array;
  /** Per margin: cell -> target category index. */
  readonly categoryOf: readonly Int32Array[];
}

export function buildCells(margins: readonly MarginCodes[], n: number): Cells {
  const radix = margins.reduce((p, m) => p * m.labels.length, 1);
  const dense = radix <= 1 << 22 ? new Int32Array(radix).fill(-1) : null;
  const sparse = dense ? null : new Map<number, number>();
  const cellOf = new Int32Array(n);
  const cats: number[][] = margins.map(() => []);
  let count = 0;
  const M = margins.length;
  for (let i = 0; i < n; i++) {
    let key = 0;
    for (let m = 0; m < M; m++) {
      const mg = margins[m];
      key = key * mg.labels.length + mg.lookup[mg.codes[i]];
    }
    let cell = dense ? dense[key] : (sparse!.get(key) ?? -1);
    if (cell < 0) {
      cell = count++;
      if (dense) dense[key] = cell;
      else sparse!.set(key, cell);
      for (let m = 0; m < M; m++) cats[m].push(margins[m].lookup[margins[m].codes[i]]);
    }
    cellOf[i] = cell;
  }
  return { count, cellOf, categoryOf: cats.map((c) => Int32Array.from(c)) };
}

export interface Calibration {
  readonly variables: readonly string[];
  readonly levels: readonly number[];
  readonly cells: Cells;
  /** Column of margin m's first category in the stacked dummy matrix X. */
  readonly offsets: readonly number[];
  readonly columns: number;
  /** Pre-calibration weights d (null: all 1). */
  readonly baseWeights: Float64Array | null;
  /** Factor of XᵀDX, collinear columns dropped. */
  readonly factor: Cholesky;
}

export function makeCalibration(margins: readonly MarginCodes[], cells: Cells, baseWeights: Float64Array | null): Calibration {
  const levels = margins.map((m) => m.labels.length);
  const offsets: number[] = [];
  let K = 0;
  for (const l of levels) {
    offsets.push(K);
    K += l;
  }
  const cellD = new Float64Array(cells.count);
  const { cellOf } = cells;
  for (let i = 0; i < cellOf.length; i++) cellD[cellOf[i]] += baseWeights ? baseWeights[i] : 1;
  const G = new Float64Array(K * K);
  const cols = new Int32Array(margins.length);
  for (let c = 0; c < cells.count; c++) {
    for (let m = 0; m < margins.length; m++) cols[m] = offsets[m] + cells.categoryOf[m][c];
    for (const a of cols) for (const b of cols) G[a * K + b] += cellD[c];
  }
  return {
    variables: margins.map((m) => m.variable),
    levels,
    cells,
    offsets,
    columns: K,
    baseWeights,
    factor: choleskyDropping(G, K),
  };
}

/** Fitted value per cell of the d-weighted regression of z on the calibration dummies. */
export function fittedByCell(cal: Calibration, z: Float64Array): Float64Array {
  const { cells, baseWeights } = cal;
  const { cellOf, count } = cells;
  const cellSum = new Float64Array(count);
  if (baseWeights) for (let i = 0; i < cellOf.length; i++) cellSum[cellOf[i]] += baseWeights[i] * z[i];
  else for (let i = 0; i < cellOf.length; i++) cellSum[cellOf[i]] += z[i];
  return fittedFromCellSums(cal, cellSum);
}

/** fittedByCell from Σ d_i z_i per cell (d: the base weights, or 1), when the caller has those sums already. */
export function fittedFromCellSums(cal: Calibration, cellSum: Float64Array): Float64Array {
  const { cells, offsets, columns } = cal;
  const { categoryOf, count } = cells;
  const b = new Float64Array(columns);
  for (let m = 0; m < offsets.length; m++) {
    const cat = categoryOf[m];
    for (let c = 0; c < count; c++) b[offsets[m] + cat[c]] += cellSum[c];
  }
  const beta = solveCholesky(cal.factor, b);
  const fitted = new Float64Array(count);
  for (let m = 0; m < offsets.length; m++) {
    const cat = categoryOf[m];
    for (let c = 0; c < count; c++) fitted[c] += beta[offsets[m] + cat[c]];
  }
  return fitted;
}
