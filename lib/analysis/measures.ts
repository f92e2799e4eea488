/**
 * Measures (methodology.md, Measures) as numerator/base variables for a ratio.
 *
 *  - share of answers: over one or more categorical questions, y_i = number of the
 *    respondent's answers in `positive`, x_i = number of valid answers (answered,
 *    and not in `excluded`). One question gives a satisfaction rate or a single
 *    agreement statement; several give a combined score (CMS Client Service: agreement
 *    over the eight statements; a statement not asked in the period has no answers,
 *    so it drops out rather than counting as disagreement).
 *  - rating share: over 1-10 rating questions, y_i = ratings ≥ threshold, x_i = ratings
 *    given (Options Client Service; the threshold is a questionnaire setting).
 *  - rating mean: y_i = sum of ratings, x_i = ratings given (the mean score).
 */
import { NO_VALUE, type Respondents } from "./data";
import { AnalysisError } from "./errors";
import type { Statistic } from "./estimates";

export type MeasureSpec =
  | {
      readonly kind: "share";
      readonly questions: readonly string[];
      readonly positive: readonly string[];
      /** Answers outside the base (e.g. DK for satisfaction, NA for statements, REFUSED). */
      readonly excluded: readonly string[];
    }
  | { readonly kind: "ratingShare"; readonly questions: readonly string[]; readonly threshold: number }
  | { readonly kind: "ratingMean"; readonly questions: readonly string[] };

export const SATISFIED = ["VERY_SATISFIED", "SATISFIED"] as const;
export const AGREE = ["STRONGLY_AGREE", "AGREE"] as const;

/** (very + fairly) satisfied over all answers except "Don't know" (and refusals). */
export function satisfactionRate(question: string): MeasureSpec {
  return { kind: "share", questions: [question], positive: SATISFIED, excluded: ["DK", "REFUSED"] };
}

/** (strongly agree + agree) over valid answers; "Not applicable" excluded. Several statements: combined score. */
export function agreement(questions: readonly string[]): MeasureSpec {
  return { kind: "share", questions, positive: AGREE, excluded: ["NA", "REFUSED"] };
}

export interface MeasureVariables {
  readonly y: Float64Array;
  readonly x: Float64Array;
  readonly statistic: Statistic;
}

export function measureVariables(r: Respondents, spec: MeasureSpec): MeasureVariables {
  const y = new Float64Array(r.n);
  const x = new Float64Array(r.n);
  if (spec.questions.length === 0) throw new AnalysisError("NO_DATA", "A measure needs at least one question");
  if (spec.kind === "share") {
    for (const q of spec.questions) {
      const f = r.factors[q];
      if (!f) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no answers for question ${q}`, q);
      // Per level: 1 = positive, 0 = valid not positive, -1 = outside the base.
      const role = Int8Array.from(f.levels, (l) => (spec.excluded.includes(l) ? -1 : spec.positive.includes(l) ? 1 : 0));
      for (let i = 0; i < r.n; i++) {
        const c = f.codes[i];
        if (c === NO_VALUE || role[c] < 0) continue;
        x[i] += 1;
        y[i] += role[c];
      }
    }
    return { y, x, statistic: "proportion" };
  }
  for (const q of spec.questions) {
    const v = r.numbers[q];
    if (!v) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no ratings for question ${q}`, q);
    for (let i = 0; i < r.n; i++) {
      const a = v[i];
      if (Number.isNaN(a)) continue;
      x[i] += 1;
      y[i] += spec.kind === "ratingMean" ? a : a >= spec.threshold ? 1 : 0;
    }
  }
  return { y, x, statistic: spec.kind === "ratingMean" ? "mean" : "proportion" };
}
