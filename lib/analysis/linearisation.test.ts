/** The grouped covariance (key drivers' SEs) equals the per-respondent one for every kind of design. */
import { describe, expect, it } from "vitest";
import { covarianceOfGroupedTotals, covarianceOfTotals, groupedCovarianceOfTotals, perRespondentCovarianceOfTotals, weightedResiduals } from "./linearisation";
import { seededRandom } from "./synthetic";
import { closeEnough, exampleDesigns } from "./test-designs";

describe("groupedCovarianceOfTotals", () => {
  const { designs } = exampleDesigns();
  for (const [name, design] of Object.entries(designs)) {
    it(`${name}: as covarianceOfTotals of the weighted residuals, respondent by respondent`, () => {
      const rnd = seededRandom(name.length);
      for (const [groups, p] of [
        [1, 1],
        [6, 3],
        [40, 6],
      ]) {
        const values = Float64Array.from({ length: groups * p }, () => rnd() * 2 - 1);
        // Some respondents in no group (z = 0: not in the model), one group empty.
        const group = Int32Array.from({ length: design.n }, () => (rnd() < 0.2 ? -1 : Math.min(groups - 1, Math.floor(rnd() * groups))));
        const zs = Array.from({ length: p }, (_, a) => Float64Array.from(group, (g) => (g < 0 ? 0 : values[g * p + a])));
        const want = covarianceOfTotals(
          design,
          zs.map((z) => weightedResiduals(design, z)),
        );
        const got = groupedCovarianceOfTotals(design, group, values, p)!;
        expect(got).toHaveLength(p * p);
        got.forEach((v, k) => expect(closeEnough(v, want[k]), `${name} [${k}] ${v} against ${want[k]}`).toBe(true));
        // The path taken when the sums are declined gives the same.
        const fallback = perRespondentCovarianceOfTotals(design, group, values, p);
        expect(fallback).toHaveLength(p * p);
        fallback.forEach((v, k) => expect(closeEnough(v, want[k]), `${name} per respondent [${k}] ${v} against ${want[k]}`).toBe(true));
      }
    });
  }

  it("declines when the sums would outnumber the respondents' worth (the caller goes respondent by respondent)", () => {
    const design = designs.raked;
    const values = new Float64Array(300_000); // 300,000 groups × 20 calibration cells
    expect(groupedCovarianceOfTotals(design, new Int32Array(design.n), values, 1)).toBeNull();
  });

  it("when the sums are declined, key drivers' covariance is still computed, respondent by respondent", () => {
    const design = designs.raked;
    const rnd = seededRandom(7);
    const groups = 300_000; // × 20 calibration cells: past MAX_GROUPED_SUMS
    const values = Float64Array.from({ length: groups }, () => rnd() * 2 - 1);
    const group = Int32Array.from({ length: design.n }, () => Math.floor(rnd() * groups));
    expect(groupedCovarianceOfTotals(design, group, values, 1)).toBeNull();
    const z = Float64Array.from(group, (g) => values[g]);
    const [want] = covarianceOfTotals(design, [weightedResiduals(design, z)]);
    const [got] = covarianceOfGroupedTotals(design, group, values, 1);
    expect(want).toBeGreaterThan(0);
    expect(closeEnough(got, want)).toBe(true);
  });
});
