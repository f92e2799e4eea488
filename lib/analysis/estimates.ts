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
 * Sums per (stratum, level, calibration cell) from which each level's ratio and
 * linearised variance follow without another pass over the respondents: in
 * stratum h, with z = (y − R·x) / X and u = w·(z − fitted[cell]), Σu and Σu²
 * come from Σ w·y, Σ w·x, Σ w²·y², Σ w²·x·y, Σ w²·x² per (h, level), and with
 * calibration Σ d·y, Σ d·x per (level, cell), Σ w²·y, Σ w²·x per (h, level, cell)
 * and Σ w, Σ w² of everyone per (h, cell).
 */
class LevelSums {
  readonly Y: Float64Array;
  readonly X: Float64Array;
  readonly base: Float64Array;
  readonly swy: Float64Array;
  readonly swx: Float64Array;
  readonly sw2yy: Float64Array;
  readonly sw2xy: Float64Array;
  readonly sw2xx: Float64Array;
  readonly sdy: Float64Array;
  readonly sdx: Float64Array;
  readonly sw2y: Float64Array;
  readonly sw2x: Float64Array;
  readonly W: Float64Array;
  readonly W2: Float64Array;
  readonly strata: ArrayLike<number> | null;
  readonly cellOf: Int32Array | null;
  readonly d: Float64Array | null;
  readonly H: number;
  readonly C: number;

  constructor(
    readonly design: SurveyDesign,
    readonly L: number,
  ) {
    const cal = design.calibration;
    const { codes, H } = stratumScale(design);
    this.strata = codes;
    this.H = H;
    this.C = cal ? cal.cells.count : 1;
    this.cellOf = cal ? cal.cells.cellOf : null;
    this.d = cal ? cal.baseWeights : null;
    const C = this.C;
    this.Y = new Float64Array(L);
    this.X = new Float64Array(L);
    this.base = new Float64Array(L);
    this.swy = new Float64Array(H * L);
    this.swx = new Float64Array(H * L);
    this.sw2yy = new Float64Array(H * L);
    this.sw2xy = new Float64Array(H * L);
    this.sw2xx = new Float64Array(H * L);
    this.sdy = new Float64Array(cal ? L * C : 0);
    this.sdx = new Float64Array(cal ? L * C : 0);
    this.sw2y = new Float64Array(cal ? H * L * C : 0);
    this.sw2x = new Float64Array(cal ? H * L * C : 0);
    this.W = new Float64Array(cal ? H * C : 0);
    this.W2 = new Float64Array(cal ? H * C : 0);
  }

  /** Respondent i's y and x, counted in level l (its stratum and cell looked up here). */
  add(i: number, l: number, yi: number, xi: number): void {
    const { L, C } = this;
    const h = this.strata ? this.strata[i] : 0;
    const wi = this.design.weights[i];
    const w2 = wi * wi;
    this.Y[l] += wi * yi;
    this.X[l] += wi * xi;
    if (xi > 0) this.base[l]++;
    const k = h * L + l;
    this.swy[k] += wi * yi;
    this.swx[k] += wi * xi;
    this.sw2yy[k] += w2 * yi * yi;
    this.sw2xy[k] += w2 * xi * yi;
    this.sw2xx[k] += w2 * xi * xi;
    if (this.cellOf) {
      const c = this.cellOf[i];
      const di = this.d ? this.d[i] : 1;
      this.sdy[l * C + c] += di * yi;
      this.sdx[l * C + c] += di * xi;
      this.sw2y[k * C + c] += w2 * yi;
      this.sw2x[k * C + c] += w2 * xi;
    }
  }

  /** Everyone's weight in their (stratum, cell) (calibration only). */
  addEveryone(i: number): void {
    if (!this.cellOf) return;
    const h = this.strata ? this.strata[i] : 0;
    const wi = this.design.weights[i];
    const k = h * this.C + this.cellOf[i];
    this.W[k] += wi;
    this.W2[k] += wi * wi;
  }

  /** Each level's ratio() (without u). */
  ratios(): RatioEstimate[] {
    const { L, C, H, Y, X, base } = this;
    const cal = this.design.calibration;
    const { sizes, scale } = stratumScale(this.design);
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
        for (let c = 0; c < C; c++) cellSum[c] = (this.sdy[l * C + c] - R * this.sdx[l * C + c]) / Xl;
        fitted = fittedFromCellSums(cal, cellSum);
      }
      let variance = 0;
      for (let h = 0; h < H; h++) {
        if (scale[h] === 0) continue;
        const k = h * L + l;
        let su = (this.swy[k] - R * this.swx[k]) / Xl;
        let su2 = (this.sw2yy[k] - 2 * R * this.sw2xy[k] + R * R * this.sw2xx[k]) / (Xl * Xl);
        if (fitted) {
          for (let c = 0; c < C; c++) {
            const f = fitted[c];
            if (f === 0) continue;
            su -= f * this.W[h * C + c];
            su2 += f * f * this.W2[h * C + c] - (2 * f * (this.sw2y[k * C + c] - R * this.sw2x[k * C + c])) / Xl;
          }
        }
        variance += scale[h] * (su2 - (su * su) / sizes[h]);
      }
      out.push({ estimate: R, numerator: Y[l], weightedBase: Xl, base: base[l], variance, u: null });
    }
    return out;
  }
}

/**
 * ratio() for every level of a domain factor at once (the page's series: each
 * month's or quarter's estimate), in one pass over the respondents instead of
 * several per level (LevelSums). Held equal to ratio() level by level in
 * estimates.test.ts. Gives no u.
 */
export function domainRatios(design: SurveyDesign, y: Float64Array, x: Float64Array, codes: CodeArray, levels: number): RatioEstimate[] {
  const sums = new LevelSums(design, levels);
  for (let i = 0; i < design.n; i++) {
    sums.addEveryone(i);
    const l = codes[i];
    if (l >= 0 && l < levels) sums.add(i, l, y[i], x[i]);
  }
  return sums.ratios();
}

/**
 * The share of each answer of one question among its valid answers (the
 * answers not `excludedLevel`, over everyone: no domain), as ratio() gives it
 * level by level with y = that answer and x = any valid answer, in one pass:
 * a respondent's valid answer counts as y = x = 1 in its own level and as
 * x = 1 in every other. Held equal to ratio() in estimates.test.ts. Excluded
 * levels get no estimate.
 */
export function answerShares(design: SurveyDesign, codes: CodeArray, excludedLevel: readonly boolean[]): RatioEstimate[] {
  const L = excludedLevel.length;
  // Level L: "any valid answer" (x = 1, y = 0), added to every level below.
  const sums = new LevelSums(design, L + 1);
  for (let i = 0; i < design.n; i++) {
    sums.addEveryone(i);
    const l = codes[i];
    if (l < 0 || l >= L || excludedLevel[l]) continue;
    sums.add(i, l, 1, 0);
    sums.add(i, L, 0, 1);
  }
  // y = 1 implies x = 1: level l's x-sums are the valid answers' (level L), its x·y sums its own y-sums.
  const { H, C } = sums;
  for (let l = 0; l < L; l++) {
    if (excludedLevel[l]) continue;
    sums.X[l] = sums.X[L];
    sums.base[l] = sums.base[L];
    for (let h = 0; h < H; h++) {
      const k = h * (L + 1) + l;
      const all = h * (L + 1) + L;
      sums.swx[k] = sums.swx[all];
      sums.sw2xx[k] = sums.sw2xx[all];
      sums.sw2xy[k] = sums.sw2yy[k];
      for (let c = 0; c < C && sums.cellOf; c++) sums.sw2x[k * C + c] = sums.sw2x[all * C + c];
    }
    for (let c = 0; c < C && sums.cellOf; c++) sums.sdx[l * C + c] = sums.sdx[L * C + c];
  }
  return sums
    .ratios()
    .slice(0, L)
    .map((e, l) => (excludedLevel[l] ? { estimate: null, numerator: 0, weightedBase: 0, base: 0, variance: null, u: null } : e));
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
