/** Measures, bases and the reporting rules on small hand-checked examples. */
import { describe, expect, it } from "vitest";
import { respondentsFromRows } from "./data";
import { answerShares, domainRatios, formatEstimate, ratio } from "./estimates";
import { agreement, measureVariables, satisfactionRate } from "./measures";
import { computeResults, distribution } from "./results";
import { buildDesign } from "./weighting";
import { closeEnough, exampleDesigns } from "./test-designs";

function noNaN(value: unknown): void {
  JSON.stringify(value, (_k, v) => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    return v;
  });
}

describe("an estimate whose every answer is Don't know", () => {
  const r = respondentsFromRows(
    Array.from({ length: 30 }, (_, i) => ({ SAT: "DK", role: i % 2 ? "PAYING_PARENT" : "RECEIVING_PARENT" })),
    { factors: { SAT: null, role: null } },
  );
  const design = buildDesign(r, { method: "none" });

  it("has base 0 and no estimate, SE or interval: a clear result, not NaN", () => {
    const res = computeResults(r, design, { measure: "CES_SAT", spec: satisfactionRate("SAT"), by: "role" });
    expect(res.overall).toEqual({ category: "ALL", base: 0, weightedBase: 0, estimate: null, se: null, ci95: null, caution: true, suppressed: "NO_BASE" });
    expect(res.groups.map((g) => g.suppressed)).toEqual(["NO_BASE", "NO_BASE"]);
    expect(res.tests).toEqual([]);
    noNaN(res);
  });
});

describe("bases, caution and suppression", () => {
  const rows = (sat: number, other: number, dk = 0) => [
    ...Array.from({ length: sat }, () => ({ SAT: "VERY_SATISFIED" })),
    ...Array.from({ length: other }, () => ({ SAT: "DISSATISFIED" })),
    ...Array.from({ length: dk }, () => ({ SAT: "DK" })),
  ];
  const estimate = (sat: number, other: number, dk = 0, rules = {}) => {
    const r = respondentsFromRows(rows(sat, other, dk), { factors: { SAT: null } });
    const { y, x } = measureVariables(r, satisfactionRate("SAT"));
    return formatEstimate("ALL", ratio(buildDesign(r, { method: "none" }), y, x), "proportion", rules);
  };

  it("excludes Don't know from the base (methodology.md) and flags bases under 100", () => {
    // 30 satisfied, 20 not, 50 DK: base 50, p = 30/50 = 0.6.
    const e = estimate(30, 20, 50);
    expect(e.base).toBe(50);
    expect(e.estimate).toBe(0.6);
    expect(e.caution).toBe(true);
    expect(estimate(60, 40).caution).toBe(false);
  });

  it("suppresses bases under the minimum (default 10, configurable)", () => {
    const e = estimate(5, 4);
    expect(e).toMatchObject({ base: 9, estimate: null, se: null, ci95: null, suppressed: "BELOW_MINIMUM_BASE" });
    expect(estimate(5, 4, 0, { minimumBase: 5 }).estimate).toBeCloseTo(5 / 9, 15);
    expect(estimate(5, 5).suppressed).toBeUndefined();
  });

  it("clamps a proportion's interval to [0, 1] and says so", () => {
    // 19 of 20: p = 0.95, SE = sqrt(.95·.05/19) = 0.05, upper 0.95 + 1.96·0.05 = 1.048 → 1.
    const e = estimate(19, 1);
    expect(e.se).toBeCloseTo(0.05, 15);
    expect(e.ci95![1]).toBe(1);
    expect(e.ci95![0]).toBeCloseTo(0.95 - 1.959963984540054 * 0.05, 14);
    expect(e.ciClamped).toBe(true);
    expect(estimate(10, 10).ciClamped).toBeUndefined();
  });
});

describe("agreement statements and combined scores", () => {
  // Two statements; Q2 not asked of the last two respondents (routing), NA excluded.
  const rows = [
    { Q1: "STRONGLY_AGREE", Q2: "AGREE" },
    { Q1: "AGREE", Q2: "DISAGREE" },
    { Q1: "NA", Q2: "AGREE" },
    { Q1: "DISAGREE", Q2: "NA" },
    { Q1: "AGREE", Q2: "" },
    { Q1: "STRONGLY_DISAGREE", Q2: "" },
  ];
  const r = respondentsFromRows(rows, { factors: { Q1: null, Q2: null } });
  const design = buildDesign(r, { method: "none" });
  const est = (qs: string[]) => {
    const { y, x } = measureVariables(r, agreement(qs));
    return ratio(design, y, x);
  };

  it("leaves Not applicable and not-asked out of the base", () => {
    // Q1: valid = all but NA (5), agree = 3 → 0.6. Q2: valid 3 (NA and not asked out), agree 2.
    expect(est(["Q1"])).toMatchObject({ base: 5, estimate: 0.6 });
    expect(est(["Q2"])).toMatchObject({ base: 3, estimate: 2 / 3 });
  });

  it("combines statements over all valid answers (Client Service)", () => {
    // Answers: 5 valid Q1 + 3 valid Q2 = 8, of which agree 3 + 2 = 5 → 5/8; base = respondents with ≥ 1 valid answer = 6.
    const e = est(["Q1", "Q2"]);
    expect(e.estimate).toBe(5 / 8);
    expect(e.base).toBe(6);
    // The SE treats a respondent's answers as one cluster: z_i = (y_i − R x_i)/X.
    // y = (2,1,1,0,1,0), x = (2,2,1,1,1,1), R = 5/8, X = 8:
    // z·8 = (0.75, −0.25, 0.375, −0.625, 0.375, −0.625); Σ(8z)² = 1.6875,
    // V = 6/5 · 1.6875/64 = 0.031640625.
    expect(e.variance).toBeCloseTo(0.031640625, 15);
  });
});

describe("1-10 ratings (Options Client Service)", () => {
  const rows = [
    { A: 9, B: 4 },
    { A: 6, B: "REFUSED" },
    { A: 3, B: 10 },
    { A: "", B: 7 },
  ];
  const r = respondentsFromRows(rows, { numbers: ["A", "B"] });
  const design = buildDesign(r, { method: "none" });

  it("takes the share at or above the threshold and the mean score", () => {
    // Valid ratings: 9, 4, 6, 3, 10, 7 (REFUSED and blank are not ratings).
    const share = measureVariables(r, { kind: "ratingShare", questions: ["A", "B"], threshold: 6 });
    expect(ratio(design, share.y, share.x).estimate).toBe(4 / 6);
    const mean = measureVariables(r, { kind: "ratingMean", questions: ["A"] });
    expect(mean.statistic).toBe("mean");
    // Mean of A over its 3 raters = (9 + 6 + 3)/3 = 6. Respondent 4 has no A, so z = 0,
    // but stays in the design (n = 4): z = (a − 6)/X̂, X̂ = 3 → (1, 0, −1, 0);
    // V = n/(n−1) Σz² = 4/3 · 2 = 8/3, SE = 1.633.
    const m = ratio(design, mean.y, mean.x);
    expect(m.estimate).toBe(6);
    expect(m.variance).toBeCloseTo(8 / 3, 14);
    const formatted = formatEstimate("ALL", m, "mean", { minimumBase: 1 });
    expect(formatted.ciClamped).toBeUndefined();
  });
});

describe("results by sub-group and distributions", () => {
  it("reports groups in level order, tests every published pair, and keeps respondents without a group in the overall", () => {
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => ({ SAT: i < 30 ? "SATISFIED" : "DISSATISFIED", role: "RECEIVING_PARENT" })),
      ...Array.from({ length: 40 }, (_, i) => ({ SAT: i < 16 ? "SATISFIED" : "DISSATISFIED", role: "PAYING_PARENT" })),
      ...Array.from({ length: 5 }, () => ({ SAT: "SATISFIED", role: "OTHER" })),
      { SAT: "SATISFIED", role: "" },
    ];
    const r = respondentsFromRows(rows, { factors: { SAT: null, role: ["RECEIVING_PARENT", "PAYING_PARENT", "OTHER"] } });
    const res = computeResults(r, buildDesign(r, { method: "none" }), { measure: "SAT", spec: satisfactionRate("SAT"), by: "role" });
    expect(res.overall.base).toBe(86);
    expect(res.groups.map((g) => [g.category, g.base, g.estimate])).toEqual([
      ["RECEIVING_PARENT", 40, 0.75],
      ["PAYING_PARENT", 40, 0.4],
      ["OTHER", 5, null],
    ]);
    // Unweighted, unstratified: disjoint groups are uncorrelated, so
    // SE² = n/(n−1)·[Σ_a (y−.75)² /40² + Σ_b (y−.4)²/40²] = 86/85·(7.5 + 9.6)/1600.
    expect(res.tests).toHaveLength(1);
    const t = res.tests[0];
    expect([t.a, t.b]).toEqual(["RECEIVING_PARENT", "PAYING_PARENT"]);
    expect(t.difference).toBeCloseTo(0.35, 15);
    expect(t.se).toBeCloseTo(Math.sqrt((86 / 85) * (17.1 / 1600)), 14);
    expect(t.significant).toBe(true);
  });

  it("gives each answer's share of valid answers", () => {
    const r = respondentsFromRows([{ Q: "YES" }, { Q: "YES" }, { Q: "NO" }, { Q: "REFUSED" }, { Q: "" }], { factors: { Q: null } });
    const d = distribution(r, buildDesign(r, { method: "none" }), "Q", ["REFUSED"], { minimumBase: 1 });
    expect(d.map((e) => [e.category, e.estimate])).toEqual([
      ["NO", 1 / 3],
      ["YES", 2 / 3],
    ]);
  });
});

describe("domainRatios: every level of a domain at once", () => {
  // The page's series computes each period's estimate this way; it must give
  // what ratio() gives level by level, for every kind of design.
  const { r, designs } = exampleDesigns();
  const close = (a: number | null, b: number | null) => {
    if (a === null || b === null) return expect(a).toBe(b);
    expect(closeEnough(a, b), `${a} against ${b}`).toBe(true);
  };
  for (const [name, design] of Object.entries(designs)) {
    it(`${name}: each level's estimate, bases and variance as ratio() gives them`, () => {
      for (const domain of ["age_band", "CES_CC_TIMESCALES", "CES_SAT"]) {
        const f = r.factors[domain];
        for (const measure of [satisfactionRate("CES_SAT"), agreement(["CES_GR_ACCURATE", "CES_ME_EASY_USE"])]) {
          const { y, x } = measureVariables(r, measure);
          // One level more than the factor has: a period no one answered in.
          const all = domainRatios(design, y, x, f.codes, f.levels.length + 1);
          expect(all).toHaveLength(f.levels.length + 1);
          all.forEach((got, level) => {
            const want = ratio(design, y, x, { codes: f.codes, level });
            expect({ base: got.base, weightedBase: got.weightedBase, numerator: got.numerator }).toEqual({
              base: want.base,
              weightedBase: expect.closeTo(want.weightedBase, 9),
              numerator: expect.closeTo(want.numerator, 9),
            });
            close(got.estimate, want.estimate);
            close(got.variance, want.variance);
          });
          expect(all[f.levels.length].estimate).toBeNull();
        }
      }
    });

    it(`${name}: each answer's share of the valid answers as ratio() gives it (the page's distribution)`, () => {
      for (const [question, excluded] of [
        ["CES_SAT", ["DK", "REFUSED"]],
        ["CES_CC_TIMESCALES", ["NA"]],
        ["age_band", []],
      ] as const) {
        const f = r.factors[question];
        const excludedLevel = f.levels.map((l) => (excluded as readonly string[]).includes(l));
        const all = answerShares(design, f.codes, excludedLevel);
        expect(all).toHaveLength(f.levels.length);
        f.levels.forEach((level, l) => {
          if (excludedLevel[l]) return expect(all[l].estimate).toBeNull();
          const { y, x } = measureVariables(r, { kind: "share", questions: [question], positive: [level], excluded });
          const want = ratio(design, y, x);
          expect({ base: all[l].base, weightedBase: all[l].weightedBase, numerator: all[l].numerator }).toEqual({
            base: want.base,
            weightedBase: expect.closeTo(want.weightedBase, 9),
            numerator: expect.closeTo(want.numerator, 9),
          });
          close(all[l].estimate, want.estimate);
          close(all[l].variance, want.variance);
        });
      }
    });
  }
});
