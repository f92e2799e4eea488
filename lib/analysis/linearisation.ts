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
import { fittedByCell } from "./calibration";
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
