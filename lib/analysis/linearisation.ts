/**
 * Design-based variance by Taylor linearisation (Binder 1983; Lumley, Complex
 * Surveys §2.3, App. C; R survey's svyrecvar/onestage).
 *
 * An estimator θ̂ is replaced by the weighted total of its linearised (influence)
 * variable, θ̂ − θ ≈ Σ_i w_i z_i. For a ratio R = Y/X, z_i = (y_i − R̂ x_i) / X̂.
 * Its variance under stratified with-replacement sampling of respondents is
 *
 *   V = Σ_h f_h · n_h/(n_h − 1) · Σ_{i∈h} (u_i − ū_h)²,   u_i = w_i z_i,
 *
 * with f_h = 1 (default, as R) or 1 − n_h/N_h (finite population correction).
 * For calibrated designs u_i = w_i e_i, e the calibration residual of z
 * (calibration.ts). A stratum with a single respondent contributes nothing
 * (R's survey.lonely.psu = "certainty").
 */
import { fittedByCell, fittedFromCellSums } from "./calibration";
import type { SurveyDesign } from "./design";

/** u_i = w_i · e_i: the weighted linearised variable, calibration fits removed. */
export function weightedResiduals(design: SurveyDesign, z: Float64Array): Float64Array {
  const { weights, calibration } = design;
  const n = design.n;
  const u = new Float64Array(n);
  if (!calibration) {
    for (let i = 0; i < n; i++) u[i] = weights[i] * z[i];
    return u;
  }
  const fitted = fittedByCell(calibration, z);
  const { cellOf } = calibration.cells;
  for (let i = 0; i < n; i++) u[i] = weights[i] * (z[i] - fitted[cellOf[i]]);
  return u;
}

/**
 * u for a ratio R̂ = Ŷ/X̂ over a domain without materialising z: z_i = 1_d(i)(y_i − R̂ x_i)/X̂.
 * Same result as weightedResiduals(design, z); fused because it runs for every
 * estimate on a million respondents.
 */
export function ratioResiduals(
  design: SurveyDesign,
  y: Float64Array,
  x: Float64Array,
  R: number,
  X: number,
  domain: { readonly codes: ArrayLike<number>; readonly level: number } | null,
): Float64Array {
  const { weights, calibration, n } = design;
  const u = new Float64Array(n);
  const codes = domain ? domain.codes : null;
  const level = domain ? domain.level : 0;
  if (calibration) {
    const z = u; // z first, then overwritten in place by u
    if (codes)
      for (let i = 0; i < n; i++) {
        if (codes[i] === level) z[i] = (y[i] - R * x[i]) / X;
      }
    else for (let i = 0; i < n; i++) z[i] = (y[i] - R * x[i]) / X;
    const fitted = fittedByCell(calibration, z);
    const { cellOf } = calibration.cells;
    for (let i = 0; i < n; i++) z[i] = weights[i] * (z[i] - fitted[cellOf[i]]);
    return z;
  }
  if (codes)
    for (let i = 0; i < n; i++) {
      if (codes[i] === level) u[i] = (weights[i] * (y[i] - R * x[i])) / X;
    }
  else for (let i = 0; i < n; i++) u[i] = (weights[i] * (y[i] - R * x[i])) / X;
  return u;
}

/** Per stratum: n_h and the variance's factor (fpc · n_h / (n_h − 1); 0 below two respondents). */
export function stratumScale(design: SurveyDesign): { codes: ArrayLike<number> | null; H: number; sizes: Float64Array; scale: Float64Array } {
  const s = design.strata;
  const sizes = s ? s.sizes : Float64Array.of(design.n);
  const H = sizes.length;
  const scale = new Float64Array(H);
  for (let h = 0; h < H; h++) {
    const nh = sizes[h];
    if (nh < 2) continue;
    const fpc = s?.fpcPopulations ? 1 - nh / s.fpcPopulations[h] : 1;
    scale[h] = (fpc * nh) / (nh - 1);
  }
  return { codes: s ? s.codes : null, H, sizes, scale };
}

/** Variance of the total Σ u_i (u already weighted and residualised). */
export function varianceOfTotal(design: SurveyDesign, u: Float64Array): number {
  const { codes, H, sizes, scale } = stratumScale(design);
  const n = design.n;
  if (!codes) {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i];
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = u[i] - mean;
      ss += d * d;
    }
    return scale[0] * ss;
  }
  const mean = new Float64Array(H);
  for (let i = 0; i < n; i++) mean[codes[i]] += u[i];
  for (let h = 0; h < H; h++) mean[h] = sizes[h] ? mean[h] / sizes[h] : 0;
  const ss = new Float64Array(H);
  for (let i = 0; i < n; i++) {
    const h = codes[i];
    const d = u[i] - mean[h];
    ss[h] += d * d;
  }
  let v = 0;
  for (let h = 0; h < H; h++) v += scale[h] * ss[h];
  return v;
}

/** Variance of Σ (a_i − b_i) without allocating the difference (tests between groups). */
export function varianceOfDifference(design: SurveyDesign, a: Float64Array, b: Float64Array): number {
  const { codes, H, sizes, scale } = stratumScale(design);
  const n = design.n;
  if (!codes) {
    let s = 0;
    for (let i = 0; i < n; i++) s += a[i] - b[i];
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = a[i] - b[i] - mean;
      ss += d * d;
    }
    return scale[0] * ss;
  }
  const mean = new Float64Array(H);
  for (let i = 0; i < n; i++) mean[codes[i]] += a[i] - b[i];
  for (let h = 0; h < H; h++) mean[h] = sizes[h] ? mean[h] / sizes[h] : 0;
  const ss = new Float64Array(H);
  for (let i = 0; i < n; i++) {
    const h = codes[i];
    const d = a[i] - b[i] - mean[h];
    ss[h] += d * d;
  }
  let v = 0;
  for (let h = 0; h < H; h++) v += scale[h] * ss[h];
  return v;
}

/** Covariance matrix (p×p, row-major) of the totals of several weighted residual variables. */
export function covarianceOfTotals(design: SurveyDesign, us: readonly Float64Array[]): Float64Array {
  const { codes, H, sizes, scale } = stratumScale(design);
  const p = us.length;
  const n = design.n;
  const stratumOf = (i: number) => (codes ? codes[i] : 0);
  const mean = new Float64Array(H * p);
  for (let j = 0; j < p; j++) {
    const u = us[j];
    for (let i = 0; i < n; i++) mean[stratumOf(i) * p + j] += u[i];
  }
  for (let h = 0; h < H; h++) for (let j = 0; j < p; j++) mean[h * p + j] = sizes[h] ? mean[h * p + j] / sizes[h] : 0;
  const cov = new Float64Array(p * p);
  const dev = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const h = stratumOf(i);
    const sc = scale[h];
    if (sc === 0) continue;
    for (let j = 0; j < p; j++) dev[j] = us[j][i] - mean[h * p + j];
    for (let a = 0; a < p; a++) {
      const da = dev[a] * sc;
      for (let b = a; b < p; b++) cov[a * p + b] += da * dev[b];
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) cov[a * p + b] = cov[b * p + a];
  return cov;
}

/** Above this many (stratum, group, cell) sums groupedCovarianceOfTotals is not worth it (the caller takes the per-respondent path). */
export const MAX_GROUPED_SUMS = 4_000_000;

/**
 * covarianceOfTotals(design, zs.map((z) => weightedResiduals(design, z))) for p
 * influence variables that take few distinct values: respondent i's z is the
 * p-vector values[group[i]] (group −1: z = 0), as key drivers' are (one per
 * answer pattern and outcome). Computed from Σ w and Σ w² per (stratum, group,
 * calibration cell) and Σ d per (group, cell) rather than p arrays of n; null
 * when there are more than MAX_GROUPED_SUMS of those sums. Held equal to the
 * per-respondent path in linearisation.test.ts.
 */
export function groupedCovarianceOfTotals(design: SurveyDesign, group: Int32Array, values: Float64Array, p: number): Float64Array | null {
  const { codes, H, sizes, scale } = stratumScale(design);
  const cal = design.calibration;
  const n = design.n;
  const w = design.weights;
  const Q = values.length / p + 1; // group + 1: 0 is "z = 0"
  const C = cal ? cal.cells.count : 1;
  if (H * Q * C > MAX_GROUPED_SUMS) return null;
  const cellOf = cal ? cal.cells.cellOf : null;
  const d = cal ? cal.baseWeights : null;
  const W = new Float64Array(H * Q * C);
  const W2 = new Float64Array(H * Q * C);
  const D = new Float64Array(cal ? Q * C : 0);
  for (let i = 0; i < n; i++) {
    const h = codes ? codes[i] : 0;
    const q = group[i] + 1;
    const c = cellOf ? cellOf[i] : 0;
    const k = (h * Q + q) * C + c;
    W[k] += w[i];
    W2[k] += w[i] * w[i];
    if (cal) D[q * C + c] += d ? d[i] : 1;
  }
  const z = (q: number, a: number) => (q === 0 ? 0 : values[(q - 1) * p + a]);
  // The calibration's fitted value per cell, for each variable.
  const fitted: Float64Array[] = [];
  if (cal)
    for (let a = 0; a < p; a++) {
      const cellSum = new Float64Array(C);
      for (let q = 1; q < Q; q++) for (let c = 0; c < C; c++) if (D[q * C + c] !== 0) cellSum[c] += D[q * C + c] * z(q, a);
      fitted.push(fittedFromCellSums(cal, cellSum));
    }
  const cov = new Float64Array(p * p);
  const m = new Float64Array(p);
  const s2 = new Float64Array(p * p);
  const dv = new Float64Array(p);
  for (let h = 0; h < H; h++) {
    if (scale[h] === 0) continue;
    m.fill(0);
    s2.fill(0);
    for (let q = 0; q < Q; q++)
      for (let c = 0; c < C; c++) {
        const k = (h * Q + q) * C + c;
        const w1 = W[k];
        const w2 = W2[k];
        if (w1 === 0 && w2 === 0) continue;
        for (let a = 0; a < p; a++) dv[a] = z(q, a) - (cal ? fitted[a][c] : 0);
        for (let a = 0; a < p; a++) {
          m[a] += w1 * dv[a];
          const da = w2 * dv[a];
          for (let b = a; b < p; b++) s2[a * p + b] += da * dv[b];
        }
      }
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) cov[a * p + b] += scale[h] * (s2[a * p + b] - (m[a] * m[b]) / sizes[h]);
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) cov[a * p + b] = cov[b * p + a];
  return cov;
}

/**
 * covarianceOfTotals of the p influence variables values[group[i]] (group −1:
 * z = 0), respondent by respondent: what groupedCovarianceOfTotals computes
 * from sums, and the path taken when it declines.
 */
export function perRespondentCovarianceOfTotals(design: SurveyDesign, group: Int32Array, values: Float64Array, p: number): Float64Array {
  const zs = Array.from({ length: p }, () => new Float64Array(design.n));
  for (let i = 0; i < design.n; i++) if (group[i] >= 0) for (let a = 0; a < p; a++) zs[a][i] = values[group[i] * p + a];
  return covarianceOfTotals(
    design,
    zs.map((z) => weightedResiduals(design, z)),
  );
}

/** The covariance of grouped influence variables' totals (key drivers): from sums when that is worth it, else respondent by respondent. */
export function covarianceOfGroupedTotals(design: SurveyDesign, group: Int32Array, values: Float64Array, p: number): Float64Array {
  return groupedCovarianceOfTotals(design, group, values, p) ?? perRespondentCovarianceOfTotals(design, group, values, p);
}
