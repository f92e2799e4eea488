/**
 * Raking: a three-margin worked example with a closed-form answer, margins hit on
 * random samples, the typed errors, and trimming.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { respondentsFromRows } from "./data";
import { AnalysisError } from "./errors";
import { ratio } from "./estimates";
import { measureVariables, satisfactionRate } from "./measures";
import { parseTargets, type TargetRow } from "./targets";
import { buildDesign, type WeightingSpec } from "./weighting";
import type { Respondents } from "./data";

function weightedTotals(r: Respondents, w: Float64Array, variable: string): Map<string, number> {
  const f = r.factors[variable];
  const t = new Map<string, number>();
  for (let i = 0; i < r.n; i++) t.set(f.levels[f.codes[i]], (t.get(f.levels[f.codes[i]]) ?? 0) + w[i]);
  return t;
}

function errorOf(fn: () => unknown): AnalysisError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AnalysisError) return e;
    throw e;
  }
  throw new Error("expected an AnalysisError");
}

describe("raking to three margins (worked example)", () => {
  // A 2×2×2 sample with two respondents in every cell (a, b, c), satisfied:
  //  (0,0,0): 1,1  (0,0,1): 1,0  (0,1,0): 0,1  (0,1,1): 0,0
  //  (1,0,0): 1,1  (1,0,1): 0,1  (1,1,0): 1,0  (1,1,1): 0,0
  // Targets (N = 1000): a 600/400, b 700/300, c 500/500.
  const ys: Record<string, number[]> = {
    "000": [1, 1],
    "001": [1, 0],
    "010": [0, 1],
    "011": [0, 0],
    "100": [1, 1],
    "101": [0, 1],
    "110": [1, 0],
    "111": [0, 0],
  };
  const rows = Object.entries(ys).flatMap(([cell, y]) =>
    y.map((s) => ({ a: `a${cell[0]}`, b: `b${cell[1]}`, c: `c${cell[2]}`, SAT: s ? "SATISFIED" : "DISSATISFIED" })),
  );
  const r = respondentsFromRows(rows, { factors: { a: null, b: null, c: null, SAT: null } });
  const targetRows: TargetRow[] = [
    { variable: "a", category: "a0", population: 600 },
    { variable: "a", category: "a1", population: 400 },
    { variable: "b", category: "b0", population: 700 },
    { variable: "b", category: "b1", population: 300 },
    { variable: "c", category: "c0", population: 500 },
    { variable: "c", category: "c1", population: 500 },
  ];
  const design = buildDesign(r, { method: "rake", targets: parseTargets(targetRows), tolerance: 1e-12 });
  const { y, x } = measureVariables(r, satisfactionRate("SAT"));

  it("reaches the closed-form weights and hits every margin", () => {
    // The sample is balanced (the margins are independent in it), so raking converges
    // to the product form w = N·P(a)·P(b)·P(c)/n_cell:
    //  (a0,b0) 1000·.6·.7·.5/2 = 105; (a0,b1) 45; (a1,b0) 70; (a1,b1) 30.
    const expected = Object.keys(ys).flatMap((cell) => {
      const w = (1000 * [0.6, 0.4][+cell[0]] * [0.7, 0.3][+cell[1]] * 0.5) / 2;
      return [w, w];
    });
    expected.forEach((w, i) => expect(design.weights[i]).toBeCloseTo(w, 9));
    for (const t of targetRows) {
      expect(weightedTotals(r, design.weights, t.variable).get(t.category)! / Number(t.population) - 1).toBeLessThan(1e-12);
    }
  });

  it("gives the SE from main-effects residuals on all three margins", () => {
    // p = Σwy/1000 = (210 + 105 + 45 + 140 + 70 + 30)/1000 = 0.6.
    // With equal starting weights the residual is the ordinary main-effects (additive)
    // fit of y on a, b, c, which for a balanced 2³ design is
    //  fitted = ȳ + (ȳ_a − ȳ) + (ȳ_b − ȳ) + (ȳ_c − ȳ), ȳ = .5, ȳ_a = .5/.5, ȳ_b = .75/.25, ȳ_c = .75/.25
    //  → 1 for (b0,c0), .5 for (b0,c1) and (b1,c0), 0 for (b1,c1).
    // Residuals y − fitted are ±0.5 in cells 001, 010, 101, 110 and 0 elsewhere, so
    // u = w·(±0.5)/1000 = ±0.0525, ±0.0225, ±0.035, ±0.015 (each pair sums to 0):
    // V = 16/15 · 2 · (0.0525² + 0.0225² + 0.035² + 0.015²) = 16/15 · 0.009425
    //   = 377/37500 = 0.0100533333, SE = 0.1002663121.
    const e = ratio(design, y, x);
    expect(e.estimate).toBeCloseTo(0.6, 12);
    expect(e.variance).toBeCloseTo(377 / 37500, 12);
    // Calibration matters: the same weights taken as given (no residuals) give a larger SE.
    const asGiven = buildDesign({ ...r, numbers: { w: design.weights } }, { method: "supplied", column: "w" });
    expect(ratio(asGiven, y, x).variance!).toBeGreaterThan(e.variance! * 1.5);
  });
});

describe("raking on random samples", () => {
  it("hits every margin to tolerance, whatever the sample mix", () => {
    const level = (k: number) => fc.integer({ min: 0, max: k - 1 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(level(3), level(4), level(2)), { minLength: 40, maxLength: 200 }),
        fc.tuple(
          fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 3, maxLength: 3 }),
          fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }),
          fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 2 }),
        ),
        (sample, shares) => {
          const rows = sample.map(([p, q, s]) => ({ p: `p${p}`, q: `q${q}`, s: `s${s}` }));
          const r = respondentsFromRows(rows, { factors: { p: null, q: null, s: null } });
          // Every category must have respondents: skip samples that miss one.
          if (r.factors.p.levels.length < 3 || r.factors.q.levels.length < 4 || r.factors.s.levels.length < 2) return;
          const N = 10_000;
          const targetRows: TargetRow[] = (["p", "q", "s"] as const).flatMap((v, m) => {
            const sh = shares[m];
            const tot = sh.reduce((a, b) => a + b, 0);
            return sh.map((x, k) => ({ variable: v, category: `${v}${k}`, population: (N * x) / tot }));
          });
          let design;
          try {
            design = buildDesign(r, { method: "rake", targets: parseTargets(targetRows), tolerance: 1e-10, maxIterations: 20_000 });
          } catch (e) {
            // Some random samples have margins no positive weights can meet (structural zeros); they must say so.
            expect((e as AnalysisError).code).toBe("RAKING_NOT_CONVERGED");
            return;
          }
          for (const t of targetRows) {
            const got = weightedTotals(r, design.weights, t.variable).get(t.category)!;
            expect(Math.abs(got / Number(t.population) - 1)).toBeLessThan(1e-10);
          }
          expect(design.diagnostics.minWeight).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("raking errors", () => {
  const rows = [
    { age: "16-24", gender: "FEMALE" },
    { age: "25-34", gender: "MALE" },
    { age: "25-34", gender: "FEMALE" },
    { age: "16-24", gender: "MALE" },
  ];
  const r = respondentsFromRows(rows, { factors: { age: null, gender: null } });
  const base: TargetRow[] = [
    { variable: "age", category: "16-24", population: 40 },
    { variable: "age", category: "25-34", population: 60 },
    { variable: "gender", category: "FEMALE", population: 50 },
    { variable: "gender", category: "MALE", population: 50 },
  ];
  const rake =
    (t: TargetRow[], extra: Partial<WeightingSpec> = {}) =>
    () =>
      buildDesign(r, { method: "rake", targets: parseTargets(t), ...extra } as WeightingSpec);

  it("names the margin and category of a target with no respondents", () => {
    const e2 = errorOf(
      rake([
        { variable: "age", category: "16-24", population: 30 },
        ...base.slice(1, 2),
        { variable: "age", category: "55+", population: 10 },
        ...base.slice(2),
      ]),
    );
    expect(e2.code).toBe("EMPTY_TARGET_CATEGORY");
    expect(e2.field).toBe("age");
    expect(e2.category).toBe("55+");
    expect(e2.message).toMatch(/age = 55\+ .*has no respondents/);
  });

  it("refuses margins that describe different population totals", () => {
    const e = errorOf(
      rake([...base.slice(0, 2), { variable: "gender", category: "FEMALE", population: 50 }, { variable: "gender", category: "MALE", population: 60 }]),
    );
    expect(e.code).toBe("MARGIN_TOTALS_DIFFER");
    expect(e.field).toBe("gender");
  });

  it("names a respondent category that has no target", () => {
    const e = errorOf(rake([...base.slice(0, 2), { variable: "gender", category: "FEMALE", population: 100 }]));
    expect(e.code).toBe("UNTARGETED_CATEGORY");
    expect(e.field).toBe("gender");
    expect(e.category).toBe("MALE");
  });

  it("refuses respondents with no value for a margin", () => {
    const r2 = respondentsFromRows([...rows, { age: "", gender: "MALE" }], { factors: { age: null, gender: null } });
    const e = errorOf(() => buildDesign(r2, { method: "rake", targets: parseTargets(base) }));
    expect(e.code).toBe("MISSING_CATEGORY");
    expect(e.message).toMatch(/1 respondent\(s\) have no age/);
  });

  it("reports non-convergence with the worst margin", () => {
    // In this sample age and gender coincide (every woman is 16-24), so the targets
    // 16-24 = 40 and FEMALE = 50 cannot both be met by any weights.
    const r3 = respondentsFromRows(
      [
        { age: "16-24", gender: "FEMALE" },
        { age: "16-24", gender: "FEMALE" },
        { age: "25-34", gender: "MALE" },
      ],
      { factors: { age: null, gender: null } },
    );
    const e = errorOf(() => buildDesign(r3, { method: "rake", targets: parseTargets(base), maxIterations: 50 }));
    expect(e.code).toBe("RAKING_NOT_CONVERGED");
    expect(e.message).toMatch(/did not converge in 50 iterations/);
  });

  it("refuses several margins for post-stratification", () => {
    expect(errorOf(() => buildDesign(r, { method: "poststratify", targets: parseTargets(base) })).code).toBe("WRONG_TARGETS_FOR_METHOD");
  });

  it("rejects malformed target rows with their row numbers", () => {
    const e = errorOf(() =>
      parseTargets([
        { variable: "age", category: "16-24", population: "-3" },
        { variable: "age", category: "16-24", population: 5 },
        { variable: "age", category: "16-24", population: 6 },
      ]),
    );
    expect(e.code).toBe("INVALID_TARGETS");
    expect(e.message).toMatch(/row 1: population/);
    expect(e.message).toMatch(/row 3: age = 16-24 appears twice/);
  });
});

describe("trimming", () => {
  it("caps a weight and re-rakes the rest of its category (worked example)", () => {
    // One margin, base weights d: category A (population 600) d = 1, 1, 4 → untrimmed
    // w = 600·d/6 = 100, 100, 400; category B (400): four respondents d = 1 → 100 each.
    // n = 7, N = 1000, mean weight 1000/7; upper bound 2 × mean = 285.714.
    // Trimmed and re-raked: the capped weight stays at 2000/7 and the other two in A
    // share the rest: (600 − 2000/7)/2 = 1100/7 = 157.143 each; B unchanged.
    const rows = [
      { g: "A", d: 1 },
      { g: "A", d: 1 },
      { g: "A", d: 4 },
      { g: "B", d: 1 },
      { g: "B", d: 1 },
      { g: "B", d: 1 },
      { g: "B", d: 1 },
    ];
    const r = respondentsFromRows(rows, { factors: { g: null }, numbers: ["d"] });
    const targets = parseTargets([
      { variable: "g", category: "A", population: 600 },
      { variable: "g", category: "B", population: 400 },
    ]);
    const untrimmed = buildDesign(r, { method: "rake", targets, baseWeights: "d" });
    expect([...untrimmed.weights]).toEqual([100, 100, 400, 100, 100, 100, 100].map((w) => expect.closeTo(w, 9)));
    const trimmed = buildDesign(r, { method: "rake", targets, baseWeights: "d", trim: { upper: 2 }, tolerance: 1e-12 });
    const expected = [1100 / 7, 1100 / 7, 2000 / 7, 100, 100, 100, 100];
    expected.forEach((w, i) => expect(trimmed.weights[i]).toBeCloseTo(w, 7));
    expect(trimmed.diagnostics.trimmed).toBe(1);
    expect(trimmed.diagnostics.kishDeff).toBeLessThan(untrimmed.diagnostics.kishDeff);
  });

  it("says so when the bounds cannot be met with the margins", () => {
    // Women are 2 of 10 respondents but half the population: each needs weight ≥ 250 = 2.5 × mean.
    const rows = [...Array.from({ length: 2 }, () => ({ g: "F" })), ...Array.from({ length: 8 }, () => ({ g: "M" }))];
    const r = respondentsFromRows(rows, { factors: { g: null } });
    const targets = parseTargets([
      { variable: "g", category: "F", population: 500 },
      { variable: "g", category: "M", population: 500 },
    ]);
    const e = errorOf(() => buildDesign(r, { method: "rake", targets, trim: { upper: 2 }, maxIterations: 100 }));
    expect(e.code).toBe("RAKING_NOT_CONVERGED");
    expect(e.message).toMatch(/trimming bounds may be too tight/);
    expect(errorOf(() => buildDesign(r, { method: "rake", targets, trim: { upper: 0.5 } })).code).toBe("INVALID_OPTIONS");
  });
});
