/** A weighted survey design: what every estimator and variance needs to know. */
import type { Calibration } from "./calibration";
import type { CodeArray } from "./data";

export type WeightingMethod = "none" | "supplied" | "design" | "poststratify" | "rake";

/** Sampling strata, for the stratified variance (Lumley §2.2). */
export interface SamplingStrata {
  readonly variable: string;
  readonly labels: readonly string[];
  /** Respondent -> stratum (0..labels.length-1). */
  readonly codes: CodeArray;
  /** Respondents per stratum n_h. */
  readonly sizes: Float64Array;
  /** Population per stratum N_h when the finite population correction applies; null = with replacement. */
  readonly fpcPopulations: Float64Array | null;
}

export interface WeightDiagnostics {
  readonly n: number;
  readonly sumWeights: number;
  readonly minWeight: number;
  readonly maxWeight: number;
  /** Kish design effect due to weighting, 1 + CV² = n Σw² / (Σw)². */
  readonly kishDeff: number;
  /** n / deff = (Σw)² / Σw². */
  readonly effectiveSampleSize: number;
  /** Raking only. */
  readonly iterations?: number;
  readonly maxRelativeError?: number;
  readonly trimmed?: number;
}

export interface SurveyDesign {
  readonly n: number;
  readonly method: WeightingMethod;
  readonly weights: Float64Array;
  readonly strata: SamplingStrata | null;
  readonly calibration: Calibration | null;
  readonly diagnostics: WeightDiagnostics;
}

export function weightDiagnostics(weights: Float64Array, extra: Partial<WeightDiagnostics> = {}): WeightDiagnostics {
  let s = 0,
    s2 = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    s += w;
    s2 += w * w;
    if (w < min) min = w;
    if (w > max) max = w;
  }
  const n = weights.length;
  const kishDeff = s2 > 0 ? (n * s2) / (s * s) : NaN;
  return {
    n,
    sumWeights: s,
    minWeight: n ? min : NaN,
    maxWeight: n ? max : NaN,
    kishDeff,
    effectiveSampleSize: s2 > 0 ? (s * s) / s2 : 0,
    ...extra,
  };
}
