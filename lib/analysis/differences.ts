/**
 * Design-based test of a difference between two estimates from the same sample
 * (e.g. two sub-groups), as svycontrast on a svyby result in R's survey.
 *
 * The difference of two ratios is linearised by the difference of their
 * linearised variables, so Var(R̂_a − R̂_b) = V(Σ (u_a − u_b))
 *   = V(R̂_a) + V(R̂_b) − 2 Cov(R̂_a, R̂_b),
 * the covariance coming from the shared strata and calibration rather than
 * assuming the groups are independent. z = (R̂_a − R̂_b)/SE, two-sided p from the
 * normal distribution, significant at the 95% level when p < 0.05.
 */
import type { SurveyDesign } from "./design";
import type { RatioEstimate } from "./estimates";
import { varianceOfDifference } from "./linearisation";
import { twoSidedP } from "./normal";

export interface DifferenceTest {
  readonly a: string;
  readonly b: string;
  /** estimate(a) − estimate(b). */
  readonly difference: number;
  readonly p: number;
  readonly significant: boolean;
  readonly se: number;
  readonly z: number;
}

export const SIGNIFICANCE_LEVEL = 0.05;

export function testDifference(design: SurveyDesign, a: string, ea: RatioEstimate, b: string, eb: RatioEstimate): DifferenceTest | null {
  if (ea.estimate === null || eb.estimate === null || !ea.u || !eb.u) return null;
  const se = Math.sqrt(Math.max(0, varianceOfDifference(design, ea.u, eb.u)));
  const difference = ea.estimate - eb.estimate;
  // A zero SE only arises in degenerate samples (every answer the same in both groups).
  const z = se > 0 ? difference / se : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const p = twoSidedP(z);
  return { a, b, difference, p, significant: p < SIGNIFICANCE_LEVEL, se, z };
}
