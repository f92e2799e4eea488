/**
 * Building a weighted design from respondents (methodology.md, Weighting):
 *  - none: every weight 1;
 *  - supplied: the weight column that came with the data;
 *  - design: post-stratification to the sampling strata, w = N_h / r_h
 *    (N_h eligible population, r_h respondents in stratum h); the strata are kept
 *    for the stratified variance, optionally with the finite population correction;
 *  - poststratify: cell weighting to one (possibly crossed) target variable,
 *    w_i = d_i · N_c / Σ_{j∈c} d_j;
 *  - rake: iterative proportional fitting to several margins (raking.ts).
 * Post-stratified and raked designs carry their calibration so that variances use
 * calibration residuals (calibration.ts).
 */
import { buildCells, makeCalibration, type Calibration, type MarginCodes } from "./calibration";
import { factorFor, type Respondents } from "./data";
import { weightDiagnostics, type SamplingStrata, type SurveyDesign, type WeightingMethod } from "./design";
import { AnalysisError } from "./errors";
import { rake, type RakeOptions } from "./raking";
import type { Margin, Targets } from "./targets";

export type WeightingSpec =
  | { readonly method: "none"; readonly strata?: string }
  | { readonly method: "supplied"; readonly column: string; readonly strata?: string }
  | {
      readonly method: "design";
      /** Stratum column of the respondents. */
      readonly stratum: string;
      /** Eligible population N_h per stratum label. */
      readonly populations: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
      /** Apply the finite population correction (1 − n_h/N_h). Default false (with replacement, as R's default). */
      readonly fpc?: boolean;
    }
  | { readonly method: "poststratify"; readonly targets: Targets; readonly baseWeights?: string; readonly strata?: string }
  | ({ readonly method: "rake"; readonly targets: Targets; readonly baseWeights?: string; readonly strata?: string } & RakeOptions);

function samplingStrata(r: Respondents, variable: string, fpcPopulations: Float64Array | null): SamplingStrata {
  const f = factorFor(r, variable);
  const sizes = new Float64Array(f.levels.length);
  for (let i = 0; i < r.n; i++) {
    const c = f.codes[i];
    if (c < 0) throw new AnalysisError("MISSING_CATEGORY", `Respondent ${i + 1} has no ${variable}; every respondent needs a stratum`, variable);
    sizes[c]++;
  }
  return { variable, labels: f.levels, codes: f.codes, sizes, fpcPopulations };
}

function suppliedWeights(r: Respondents, column: string): Float64Array {
  const w = r.numbers[column];
  if (!w) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no numeric column ${column} to use as weights`, column);
  for (let i = 0; i < w.length; i++) {
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
      throw new AnalysisError("INVALID_WEIGHT", `Respondent ${i + 1} has weight ${String(w[i])}; supplied weights must be finite and non-negative`, column);
    }
  }
  return w;
}

/**
 * Checks a margin against the respondents and maps data levels to target
 * categories. Every respondent needs a value with a target, and every target
 * category needs respondents (otherwise its population cannot be represented).
 */
export function marginCodes(r: Respondents, margin: Margin): MarginCodes {
  const { variable, populations } = margin;
  const f = factorFor(r, variable);
  const labels = [...populations.keys()];
  const index = new Map(labels.map((l, i) => [l, i]));
  const lookup = Int32Array.from(f.levels, (l) => index.get(l) ?? -1);
  const counts = new Float64Array(labels.length);
  let missing = 0;
  const untargeted = new Map<string, number>();
  for (let i = 0; i < r.n; i++) {
    const c = f.codes[i];
    if (c < 0) {
      missing++;
      continue;
    }
    const t = lookup[c];
    if (t < 0) untargeted.set(f.levels[c], (untargeted.get(f.levels[c]) ?? 0) + 1);
    else counts[t]++;
  }
  if (missing) {
    throw new AnalysisError(
      "MISSING_CATEGORY",
      `${missing} respondent(s) have no ${variable}; weighting to ${variable} needs a value for everyone (impute, or drop them before weighting)`,
      variable,
    );
  }
  for (const [level, count] of untargeted) {
    throw new AnalysisError(
      "UNTARGETED_CATEGORY",
      `${count} respondent(s) have ${variable} = ${level}, which has no population target; add a target for it or recode it into a targeted category`,
      variable,
      level,
    );
  }
  for (let t = 0; t < labels.length; t++) {
    if (counts[t] === 0) {
      throw new AnalysisError(
        "EMPTY_TARGET_CATEGORY",
        `The target ${variable} = ${labels[t]} (population ${populations.get(labels[t])}) has no respondents; collapse it with a neighbouring category`,
        variable,
        labels[t],
      );
    }
  }
  return { variable, labels, codes: f.codes, lookup };
}

function checkTotals(targets: Targets): void {
  const totals = targets.margins.map((m) => [...m.populations.values()].reduce((a, b) => a + b, 0));
  for (let m = 1; m < totals.length; m++) {
    if (Math.abs(totals[m] - totals[0]) > 1e-6 * totals[0]) {
      throw new AnalysisError(
        "MARGIN_TOTALS_DIFFER",
        `Margin ${targets.margins[m].variable} totals ${totals[m]} but ${targets.margins[0].variable} totals ${totals[0]}; every margin must describe the same population`,
        targets.margins[m].variable,
      );
    }
  }
}

function calibrate(
  r: Respondents,
  method: "poststratify" | "rake",
  targets: Targets,
  base: Float64Array | null,
  options: RakeOptions,
): { weights: Float64Array; calibration: Calibration; extra: { iterations?: number; maxRelativeError?: number; trimmed?: number } } {
  if (method === "poststratify" && targets.margins.length !== 1) {
    throw new AnalysisError(
      "WRONG_TARGETS_FOR_METHOD",
      `Post-stratification needs targets for exactly one variable (cross variables with *, e.g. role*contact_reason); these targets have ${targets.margins.length}: use raking for several margins`,
    );
  }
  checkTotals(targets);
  const margins = targets.margins.map((m) => marginCodes(r, m));
  const populations = targets.margins.map((m) => Float64Array.from(m.populations.values()));
  const cells = buildCells(margins, r.n);
  const calibration = makeCalibration(margins, cells, base);
  if (method === "rake") {
    const res = rake(margins, populations, cells, base, options);
    return { weights: res.weights, calibration, extra: { iterations: res.iterations, maxRelativeError: res.maxRelativeError, trimmed: res.trimmed } };
  }
  // Post-stratification: one margin, so its cells are its categories. w = d · N_c / D̂_c.
  const dSum = new Float64Array(populations[0].length);
  const cat = cells.categoryOf[0];
  for (let i = 0; i < r.n; i++) dSum[cat[cells.cellOf[i]]] += base ? base[i] : 1;
  const weights = new Float64Array(r.n);
  for (let i = 0; i < r.n; i++) {
    const c = cat[cells.cellOf[i]];
    weights[i] = (base ? base[i] : 1) * (populations[0][c] / dSum[c]);
  }
  return { weights, calibration, extra: {} };
}

function designWeights(r: Respondents, spec: Extract<WeightingSpec, { method: "design" }>): { weights: Float64Array; strata: SamplingStrata } {
  const pops = spec.populations instanceof Map ? spec.populations : new Map(Object.entries(spec.populations));
  const strata = samplingStrata(r, spec.stratum, null);
  const N = new Float64Array(strata.labels.length);
  strata.labels.forEach((label, h) => {
    if (strata.sizes[h] === 0) return;
    const p = pops.get(label);
    if (p === undefined || !(p > 0)) {
      throw new AnalysisError("UNTARGETED_CATEGORY", `Stratum ${spec.stratum} = ${label} has respondents but no population`, spec.stratum, label);
    }
    N[h] = p;
  });
  for (const [label, p] of pops) {
    const h = strata.labels.indexOf(label);
    if (p > 0 && (h < 0 || strata.sizes[h] === 0)) {
      throw new AnalysisError(
        "EMPTY_TARGET_CATEGORY",
        `Stratum ${spec.stratum} = ${label} (population ${p}) has no respondents; collapse it with a similar stratum`,
        spec.stratum,
        label,
      );
    }
  }
  const weights = new Float64Array(r.n);
  for (let i = 0; i < r.n; i++) weights[i] = N[strata.codes[i]] / strata.sizes[strata.codes[i]];
  return { weights, strata: { ...strata, fpcPopulations: spec.fpc ? N : null } };
}

/** Weights a set of respondents and returns the design the estimators use. */
export function buildDesign(r: Respondents, spec: WeightingSpec): SurveyDesign {
  if (r.n === 0) throw new AnalysisError("NO_DATA", "There are no respondents to weight");
  const method: WeightingMethod = spec.method;
  switch (spec.method) {
    case "none":
    case "supplied": {
      const weights = spec.method === "none" ? new Float64Array(r.n).fill(1) : suppliedWeights(r, spec.column);
      const strata = spec.strata ? samplingStrata(r, spec.strata, null) : null;
      return { n: r.n, method, weights, strata, calibration: null, diagnostics: weightDiagnostics(weights) };
    }
    case "design": {
      const { weights, strata } = designWeights(r, spec);
      return { n: r.n, method, weights, strata, calibration: null, diagnostics: weightDiagnostics(weights) };
    }
    case "poststratify":
    case "rake": {
      const base = spec.baseWeights ? suppliedWeights(r, spec.baseWeights) : null;
      const { weights, calibration, extra } = calibrate(r, spec.method, spec.targets, base, spec.method === "rake" ? spec : {});
      const strata = spec.strata ? samplingStrata(r, spec.strata, null) : null;
      return { n: r.n, method, weights, strata, calibration, diagnostics: weightDiagnostics(weights, extra) };
    }
  }
}
