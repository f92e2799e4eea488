/**
 * One results request (interchange.md §4 `results`): a measure overall and by a
 * breakdown variable, with design-based tests between every pair of reported
 * groups. Pure: the caller loads respondents and builds the design.
 */
import { factorFor, type Respondents } from "./data";
import type { SurveyDesign, WeightDiagnostics, WeightingMethod } from "./design";
import { testDifference, type DifferenceTest } from "./differences";
import { answerShares, formatEstimate, ratio, type Estimate, type RatioEstimate, type ReportingRules, type Statistic } from "./estimates";
import { measureVariables, type MeasureSpec } from "./measures";

/** What computeResults estimates: one measure, optionally by a breakdown. */
export interface MeasureEstimateSpec {
  /** Label printed as `measure` (the question id, e.g. CES_SAT). */
  readonly measure: string;
  readonly spec: MeasureSpec;
  /** Breakdown column (or cross `a*b`); respondents without a value appear only in `overall`. */
  readonly by?: string;
  readonly rules?: ReportingRules;
}

export interface Results {
  readonly measure: string;
  readonly weighting: WeightingMethod;
  readonly statistic: Statistic;
  readonly overall: Estimate;
  readonly groups: readonly Estimate[];
  readonly tests: readonly DifferenceTest[];
  readonly weights: WeightDiagnostics;
}

export function computeResults(r: Respondents, design: SurveyDesign, req: MeasureEstimateSpec): Results {
  const { y, x, statistic } = measureVariables(r, req.spec);
  const overall = formatEstimate("ALL", ratio(design, y, x), statistic, req.rules);
  const groups: Estimate[] = [];
  const tests: DifferenceTest[] = [];
  if (req.by) {
    const f = factorFor(r, req.by);
    const raw: RatioEstimate[] = [];
    f.levels.forEach((level, code) => {
      const e = ratio(design, y, x, { codes: f.codes, level: code });
      raw.push(e);
      groups.push(formatEstimate(level, e, statistic, req.rules));
    });
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        // Only groups that are published are compared.
        if (groups[a].estimate === null || groups[b].estimate === null) continue;
        const t = testDifference(design, f.levels[a], raw[a], f.levels[b], raw[b]);
        if (t) tests.push(t);
      }
    }
  }
  return { measure: req.measure, weighting: design.method, statistic, overall, groups, tests, weights: design.diagnostics };
}

/** Distribution of a single-choice question: the share of each answer over valid answers. */
export function distribution(
  r: Respondents,
  design: SurveyDesign,
  question: string,
  excluded: readonly string[] = ["REFUSED"],
  rules?: ReportingRules,
): Estimate[] {
  const f = factorFor(r, question);
  // Every answer's share in one pass (as ratio() gives each with y = that answer, x = any valid answer).
  const excludedLevel = f.levels.map((l) => excluded.includes(l));
  const shares = answerShares(design, f.codes, excludedLevel);
  return f.levels.flatMap((level, l) => (excludedLevel[l] ? [] : [formatEstimate(level, shares[l], "proportion", rules)]));
}
