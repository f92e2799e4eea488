/**
 * Weighted ratio estimates (proportions and means) for the whole sample or a
 * domain, with linearised standard errors and the reporting rules of
 * methodology.md (bases, caution, suppression).
 *
 * Every measure is a ratio R = Y/X of weighted totals: y_i is the numerator
 * (1 if satisfied, or a count of agreed statements, or a sum of ratings) and x_i the
 * base (1 if the respondent gave a valid answer, or a count of valid answers). A
 * proportion of valid answers and a mean score are both ratios.
 *
 * Domain (sub-group) estimates keep the full-sample design: respondents outside
 * the domain stay in it with y = x = 0 (so z = 0), which keeps n_h and the
 * calibration intact (Lumley §2.4; R's subset() on a design does the same). Simply
 * subsetting the data would understate the variance.
 */
import type { CodeArray } from "./data";
import type { SurveyDesign } from "./design";
import { fittedFromCellSums } from "./calibration";
import { ratioResiduals, stratumScale, varianceOfTotal } from "./linearisation";
import { Z_975 } from "./normal";

export interface Domain {
  readonly codes: CodeArray;
  readonly level: number;
}

export interface RatioEstimate {
  /** R̂ = Ŷ / X̂, or null when the weighted base is 0 (no one in the base). */
  readonly estimate: number | null;
  readonly numerator: number;
  readonly weightedBase: number;
  /** Unweighted count of respondents in the base (x_i > 0), within the domain. */
  readonly base: number;
  readonly variance: number | null;
  /** Weighted residual linearised variable u = w·e, for covariances; null when estimate is null. */
  readonly u: Float64Array | null;
}

export function ratio(design: SurveyDesign, y: Float64Array, x: Float64Array, domain?: Domain): RatioEstimate {
  const { weights, n } = design;
  let Y = 0,
    X = 0,
    base = 0;
  if (domain) {
    const { codes, level } = domain;
    for (let i = 0; i < n; i++) {
      if (codes[i] !== level) continue;
      Y += weights[i] * y[i];
      X += weights[i] * x[i];
      if (x[i] > 0) base++;
    }
  } else {
    for (let i = 0; i < n; i++) {
      Y += weights[i] * y[i];
      X += weights[i] * x[i];
      if (x[i] > 0) base++;
    }
  }
  if (!(X > 0)) return { estimate: null, numerator: Y, weightedBase: X, base, variance: null, u: null };
  const R = Y / X;
  // z_i = (y_i − R x_i) / X̂ inside the domain, 0 outside (Lumley eq. 2.6 for a ratio).
  const u = ratioResiduals(design, y, x, R, X, domain ?? null);
  return { estimate: R, numerator: Y, weightedBase: X, base, variance: varianceOfTotal(design, u), u };
}

/**
 * ratio() for every level of a domain factor at once (the page's series: each
 * month's or quarter's estimate), in one pass over the respondents instead of
 * several per level. Each domain's linearised variance is assembled from sums
 * per level, calibration cell and stratum: its z is zero outside the domain,
 * so Σu and Σu² in each stratum follow from Σ w·y, Σ w·x, Σ w²·y², Σ w²·x·y,
 * Σ w²·x² over the domain's members and the calibration's fitted values per
 * cell. Held equal to ratio() level by level in estimates.test.ts. Gives no u.
 */
export function domainRatios(design: SurveyDesign, y: Float64Array, x: Float64Array, codes: CodeArray, levels: number): RatioEstimate[] {
  const { weights: w, calibration: cal, n } = design;
  const { codes: strata, H, sizes, scale } = stratumScale(design);
  const L = levels;
  const C = cal ? cal.cells.count : 1;
  const cellOf = cal ? cal.cells.cellOf : null;
  const d = cal ? cal.baseWeights : null;
  const Y = new Float64Array(L);
  const X = new Float64Array(L);
  const base = new Float64Array(L);
  // Per (stratum, level).
  const swy = new Float64Array(H * L);
  const swx = new Float64Array(H * L);
  const sw2yy = new Float64Array(H * L);
  const sw2xy = new Float64Array(H * L);
  const sw2xx = new Float64Array(H * L);
  // With calibration: per (level, cell) Σ d·y, Σ d·x; per (stratum, level, cell) Σ w²·y, Σ w²·x; per (stratum, cell) Σ w, Σ w² of everyone.
  const sdy = new Float64Array(cal ? L * C : 0);
  const sdx = new Float64Array(cal ? L * C : 0);
  const sw2y = new Float64Array(cal ? H * L * C : 0);
  const sw2x = new Float64Array(cal ? H * L * C : 0);
  const W = new Float64Array(cal ? H * C : 0);
  const W2 = new Float64Array(cal ? H * C : 0);
  for (let i = 0; i < n; i++) {
    const h = strata ? strata[i] : 0;
    const c = cellOf ? cellOf[i] : 0;
    const wi = w[i];
    const w2 = wi * wi;
    if (cal) {
      W[h * C + c] += wi;
      W2[h * C + c] += w2;
    }
    const l = codes[i];
    if (l < 0 || l >= L) continue;
    const yi = y[i];
    const xi = x[i];
    Y[l] += wi * yi;
    X[l] += wi * xi;
    if (xi > 0) base[l]++;
    const k = h * L + l;
    swy[k] += wi * yi;
    swx[k] += wi * xi;
    sw2yy[k] += w2 * yi * yi;
    sw2xy[k] += w2 * xi * yi;
    sw2xx[k] += w2 * xi * xi;
    if (cal) {
      const di = d ? d[i] : 1;
      sdy[l * C + c] += di * yi;
      sdx[l * C + c] += di * xi;
      sw2y[k * C + c] += w2 * yi;
      sw2x[k * C + c] += w2 * xi;
    }
  }
  const out: RatioEstimate[] = [];
  for (let l = 0; l < L; l++) {
    const Xl = X[l];
    if (!(Xl > 0)) {
      out.push({ estimate: null, numerator: Y[l], weightedBase: Xl, base: base[l], variance: null, u: null });
      continue;
    }
    const R = Y[l] / Xl;
    let fitted: Float64Array | null = null;
    if (cal) {
      const cellSum = new Float64Array(C);
      for (let c = 0; c < C; c++) cellSum[c] = (sdy[l * C + c] - R * sdx[l * C + c]) / Xl;
      fitted = fittedFromCellSums(cal, cellSum);
    }
    let variance = 0;
    for (let h = 0; h < H; h++) {
      if (scale[h] === 0) continue;
      const k = h * L + l;
      // Σu and Σu² in stratum h, u = w·(z − fitted[cell]), z = (y − R·x) / X in the domain and 0 outside it.
      let su = (swy[k] - R * swx[k]) / Xl;
      let su2 = (sw2yy[k] - 2 * R * sw2xy[k] + R * R * sw2xx[k]) / (Xl * Xl);
      if (fitted) {
        for (let c = 0; c < C; c++) {
          const f = fitted[c];
          if (f === 0) continue;
          su -= f * W[h * C + c];
          su2 += f * f * W2[h * C + c] - (2 * f * (sw2y[k * C + c] - R * sw2x[k * C + c])) / Xl;
        }
      }
      variance += scale[h] * (su2 - (su * su) / sizes[h]);
    }
    out.push({ estimate: R, numerator: Y[l], weightedBase: Xl, base: base[l], variance, u: null });
  }
  return out;
}

export type Statistic = "proportion" | "mean";

/** interchange.md §4 EST, with optional fields added as the contract allows. */
export interface Estimate {
  readonly category: string;
  readonly base: number;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci95: readonly [number, number] | null;
  /** Base below the caution threshold (100): "treat with caution". */
  readonly caution: boolean;
  readonly weightedBase?: number;
  /** Why estimate/se/ci95 are null: no one in the base, or a base below the minimum. */
  readonly suppressed?: "NO_BASE" | "BELOW_MINIMUM_BASE";
  /** The normal interval of a proportion crossed 0 or 1 and was cut back to [0, 1]. */
  readonly ciClamped?: boolean;
}

export interface ReportingRules {
  /** Estimates on fewer respondents than this are suppressed. Default 10. */
  readonly minimumBase?: number;
  /** Estimates on fewer respondents than this are flagged caution. Default 100 (methodology.md). */
  readonly cautionBase?: number;
}

export const DEFAULT_MINIMUM_BASE = 10;
export const DEFAULT_CAUTION_BASE = 100;

export function formatEstimate(category: string, r: RatioEstimate, statistic: Statistic, rules: ReportingRules = {}): Estimate {
  const minimumBase = rules.minimumBase ?? DEFAULT_MINIMUM_BASE;
  const cautionBase = rules.cautionBase ?? DEFAULT_CAUTION_BASE;
  const common = { category, base: r.base, caution: r.base < cautionBase, weightedBase: r.weightedBase };
  if (r.estimate === null || r.variance === null || r.base === 0) {
    return { ...common, estimate: null, se: null, ci95: null, suppressed: "NO_BASE" };
  }
  if (r.base < minimumBase) {
    return { ...common, estimate: null, se: null, ci95: null, suppressed: "BELOW_MINIMUM_BASE" };
  }
  const se = Math.sqrt(Math.max(0, r.variance));
  // Normal interval, estimate ± z₀.₉₇₅·SE (R's confint for svymean/svyratio).
  let lo = r.estimate - Z_975 * se;
  let hi = r.estimate + Z_975 * se;
  let ciClamped = false;
  if (statistic === "proportion" && (lo < 0 || hi > 1)) {
    lo = Math.max(0, lo);
    hi = Math.min(1, hi);
    ciClamped = true;
  }
  return { ...common, estimate: r.estimate, se, ci95: [lo, hi], ...(ciClamped ? { ciClamped } : {}) };
}
