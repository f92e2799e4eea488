/**
 * Worked examples for design weighting, post-stratification, stratified standard
 * errors, a domain estimate and a difference between domains. Expected values are
 * derived by hand in the comments (exact fractions), not by running this code.
 */
import { describe, expect, it } from "vitest";
import { respondentsFromRows } from "./data";
import { testDifference } from "./differences";
import { ratio, formatEstimate } from "./estimates";
import { measureVariables, satisfactionRate } from "./measures";
import { parseTargets } from "./targets";
import { buildDesign } from "./weighting";
import { AnalysisError } from "./errors";

const sat = satisfactionRate("SAT");
const yes = (b: number) => (b ? "SATISFIED" : "DISSATISFIED");

describe("post-stratification (worked example)", () => {
  // Post-stratum A: population 600, 4 respondents, satisfied 1,1,1,0.
  // Post-stratum B: population 400, 6 respondents, satisfied 1,0,0,0,0,1.
  const ys = { A: [1, 1, 1, 0], B: [1, 0, 0, 0, 0, 1] };
  const rows = [...ys.A.map((y) => ({ cell: "A", SAT: yes(y) })), ...ys.B.map((y) => ({ cell: "B", SAT: yes(y) }))];
  const r = respondentsFromRows(rows, { factors: { cell: null, SAT: null } });
  const targets = parseTargets([
    { variable: "cell", category: "A", population: 600 },
    { variable: "cell", category: "B", population: 400 },
  ]);
  const design = buildDesign(r, { method: "poststratify", targets });
  const { y, x } = measureVariables(r, sat);

  it("weights each respondent N_c / n_c and estimates Σwy/Σw", () => {
    // w_A = 600/4 = 150, w_B = 400/6 = 66.667.
    expect([...design.weights.slice(0, 4)]).toEqual([150, 150, 150, 150]);
    expect(design.weights[4]).toBeCloseTo(400 / 6, 12);
    // p = (3·150 + 2·66.667) / 1000 = (450 + 133.333)/1000 = 0.583333.
    expect(ratio(design, y, x).estimate).toBeCloseTo(0.5833333333333334, 14);
  });

  it("takes its standard error from post-stratum residuals", () => {
    // z_i = (y_i − p)/N̂ with N̂ = 1000; the post-stratum residual removes the cell
    // mean of z, so e_i = (y_i − ȳ_c)/1000 with ȳ_A = 3/4, ȳ_B = 1/3.
    // u_i = w_i e_i: A, y=1: 150·(1/4)/1000 = 3/80; A, y=0: 150·(−3/4)/1000 = −9/80;
    //                B, y=1: (400/6)(2/3)/1000 = 2/45; B, y=0: (400/6)(−1/3)/1000 = −1/45.
    // Σu = 0, so V = n/(n−1) Σu² = 10/9 · (3·(3/80)² + (9/80)² + 2·(2/45)² + 4·(1/45)²)
    //   = 10/9 · (108/6400 + 12/2025) = 197/7776 = 0.0253343621; SE = 0.1591677170.
    // (Ignoring the post-stratification, i.e. the same weights taken as given, would
    // keep u = w·z (mean 0): 10/9 · Σu² = 0.0299640, SE 0.1731011, larger.)
    const e = ratio(design, y, x);
    expect(Math.sqrt(e.variance!)).toBeCloseTo(0.159167717015473, 12);
    const naive = buildDesign({ ...r, numbers: { w: design.weights } }, { method: "supplied", column: "w" });
    expect(Math.sqrt(ratio(naive, y, x).variance!)).toBeCloseTo(0.1731011, 6);
  });

  it("reports the Kish design effect and effective sample size", () => {
    // Σw = 1000, Σw² = 4·150² + 6·(400/6)² = 90000 + 26666.67 = 116666.67;
    // deff = nΣw²/(Σw)² = 10·116666.67/10⁶ = 7/6; n_eff = 10/(7/6) = 60/7.
    expect(design.diagnostics.kishDeff).toBeCloseTo(7 / 6, 12);
    expect(design.diagnostics.effectiveSampleSize).toBeCloseTo(60 / 7, 12);
    expect(design.diagnostics.minWeight).toBeCloseTo(400 / 6, 12);
    expect(design.diagnostics.maxWeight).toBe(150);
  });
});

describe("stratified design weights N_h / r_h (worked example)", () => {
  // Stratum S1: N = 100, 4 respondents (satisfied, gender) = (1,F) (1,M) (0,F) (1,F)
  // Stratum S2: N = 300, 5 respondents = (0,F) (1,M) (0,M) (0,F) (1,F)
  const data: [string, number, string][] = [
    ["S1", 1, "F"],
    ["S1", 1, "M"],
    ["S1", 0, "F"],
    ["S1", 1, "F"],
    ["S2", 0, "F"],
    ["S2", 1, "M"],
    ["S2", 0, "M"],
    ["S2", 0, "F"],
    ["S2", 1, "F"],
  ];
  const r = respondentsFromRows(
    data.map(([stratum, s, gender]) => ({ stratum, SAT: yes(s), gender })),
    { factors: { stratum: null, SAT: null, gender: null } },
  );
  const populations = { S1: 100, S2: 300 };
  const design = buildDesign(r, { method: "design", stratum: "stratum", populations });
  const { y, x } = measureVariables(r, sat);

  it("weights N_h/r_h and gives the textbook stratified SE (Cochran 5.x), with and without FPC", () => {
    // w = 100/4 = 25 in S1, 300/5 = 60 in S2. p = (3·25 + 2·60)/400 = 195/400 = 0.4875.
    expect(design.weights[0]).toBe(25);
    expect(design.weights[8]).toBe(60);
    const e = ratio(design, y, x);
    expect(e.estimate).toBe(0.4875);
    // Stratum h contributes n_h/(n_h−1) Σ (u_i − ū_h)², u_i = w_i (y_i − p)/400:
    //  S1: deviations 25(y − 3/4)/400 = 1/64 (×3), −3/64 → 4/3 · 12/4096 = 0.00390625
    //  S2: deviations 60(y − 2/5)/400 = 0.09 (×2), −0.06 (×3) → 5/4 · 0.027 = 0.03375
    //  V = 0.03765625, SE = 0.1940521837. Same as Σ W_h² s_h²/n_h with W = (¼, ¾),
    //  s² = n_h/(n_h−1) p_h(1−p_h): ¹⁄₁₆·0.25/4 + ⁹⁄₁₆·0.3/5 = 0.00390625 + 0.03375.
    expect(e.variance).toBeCloseTo(0.03765625, 15);
    // With the FPC each stratum term is multiplied by (1 − n_h/N_h):
    // 0.00390625·0.96 + 0.03375·(295/300) = 0.00375 + 0.0331875 = 0.0369375.
    const withFpc = buildDesign(r, { method: "design", stratum: "stratum", populations, fpc: true });
    expect(ratio(withFpc, y, x).variance).toBeCloseTo(0.0369375, 15);
  });

  const gender = r.factors.gender;
  const F = { codes: gender.codes, level: gender.levels.indexOf("F") };
  const M = { codes: gender.codes, level: gender.levels.indexOf("M") };

  it("estimates a domain on the full-sample design, not a subset", () => {
    // Women: S1 y = 1,0,1 (w 25), S2 y = 0,0,1 (w 60): R_F = (50 + 60)/(75 + 180) = 22/51.
    // z_i = 1_F (y_i − 22/51)/255, zero for men, who stay in the design:
    //  u (S1) = (145, 0, −110, 145)/2601, u (S2) = (−88, 0, 0, −88, 116)/867.
    //  S1: mean 180/(4·2601); Σ dev² · 4/3, S2 likewise with n = 5 → V = 378920/6765201
    //  = 0.0560101614, SE = 0.2366646603.
    // Subsetting to women first would use n_h = 3 and 3 (SE 0.2549): wrong.
    const e = ratio(design, y, x, F);
    expect(e.estimate).toBeCloseTo(22 / 51, 15);
    expect(e.base).toBe(6);
    expect(e.variance).toBeCloseTo(378920 / 6765201, 14);
  });

  it("tests a difference between domains with their covariance", () => {
    // Men: S1 (1) w 25; S2 (1, 0) w 60: R_M = 85/145 = 17/29. V_M = 80640/707281.
    // Difference R_F − R_M = 22/51 − 17/29 = −0.1548343475.
    // V(R_F − R_M) = V(Σ(u_F − u_M)) = 841110481760/4784898128481 = 0.1757844074
    //  (SE 0.4192665111; treating the groups as independent would give 0.4123399714,
    //  because within each stratum the two domains' u are negatively correlated).
    // z = −0.36929815, p = erfc(|z|/√2) = 0.7119055032.
    const t = testDifference(design, "F", ratio(design, y, x, F), "M", ratio(design, y, x, M))!;
    expect(t.difference).toBeCloseTo(22 / 51 - 17 / 29, 15);
    expect(t.se).toBeCloseTo(0.41926651112759067, 12);
    expect(t.p).toBeCloseTo(0.7119055032436598, 10);
    expect(t.significant).toBe(false);
  });

  it("refuses strata without populations or without respondents", () => {
    expect(() => buildDesign(r, { method: "design", stratum: "stratum", populations: { S1: 100 } })).toThrow(/S2 has respondents but no population/);
    try {
      buildDesign(r, { method: "design", stratum: "stratum", populations: { ...populations, S3: 50 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AnalysisError);
      expect((e as AnalysisError).code).toBe("EMPTY_TARGET_CATEGORY");
      expect((e as AnalysisError).category).toBe("S3");
    }
  });
});

describe("unweighted and supplied weights", () => {
  it("gives sqrt(p(1−p)/(n−1)) for an unweighted proportion (R svymean)", () => {
    // 7 of 20 satisfied: p = 0.35, SE = sqrt(0.35·0.65/19) = 0.1094243...
    const rows = Array.from({ length: 20 }, (_, i) => ({ SAT: yes(i < 7 ? 1 : 0) }));
    const r = respondentsFromRows(rows, { factors: { SAT: null } });
    const design = buildDesign(r, { method: "none" });
    const { y, x } = measureVariables(r, sat);
    const est = formatEstimate("ALL", ratio(design, y, x), "proportion");
    expect(est.estimate).toBe(0.35);
    expect(est.se).toBeCloseTo(Math.sqrt((0.35 * 0.65) / 19), 15);
    expect(est.ci95![0]).toBeCloseTo(0.35 - 1.959963984540054 * est.se!, 15);
    expect(est.caution).toBe(true);
  });

  it("rejects negative or missing supplied weights", () => {
    const r = respondentsFromRows([{ w: "1.5" }, { w: "-2" }], { numbers: ["w"] });
    expect(() => buildDesign(r, { method: "supplied", column: "w" })).toThrow(/Respondent 2 has weight -2/);
    const r2 = respondentsFromRows([{ w: "1.5" }, { w: "" }], { numbers: ["w"] });
    expect(() => buildDesign(r2, { method: "supplied", column: "w" })).toThrow(AnalysisError);
  });
});
