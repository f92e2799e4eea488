/** Key drivers: a closed-form logistic regression, errors, and ranking on synthetic data. */
import { describe, expect, it } from "vitest";
import { respondentsFromRows } from "./data";
import { keyDrivers, KEY_DRIVERS_METHOD, type BinaryCoding } from "./drivers";
import { AnalysisError } from "./errors";
import { syntheticRespondents, STATEMENTS } from "./synthetic";
import { buildDesign } from "./weighting";

const outcome: BinaryCoding = { question: "SAT", positive: ["VERY_SATISFIED", "SATISFIED"], excluded: ["DK"] };
const item = (question: string): BinaryCoding => ({ question, positive: ["STRONGLY_AGREE", "AGREE"], excluded: ["NA"] });

function sample(cells: { agree: boolean; sat: boolean; count: number; extra?: Record<string, string> }[]) {
  return cells.flatMap(({ agree, sat, count, extra }) =>
    Array.from({ length: count }, () => ({ SAT: sat ? "SATISFIED" : "DISSATISFIED", Q1: agree ? "AGREE" : "DISAGREE", ...extra })),
  );
}

describe("key drivers", () => {
  it("recovers the log odds ratio of a single item, with its textbook SE", () => {
    // Agree: 30 satisfied, 10 not; disagree: 20 satisfied, 40 not (n = 100, unweighted).
    // The model is saturated, so β0 = logit(20/60) = log(20/40) = −0.693147,
    // β1 = log[(30/10)/(20/40)] = log 6 = 1.791759.
    // Sandwich = model-based here (saturated), times n/(n−1) from the design formula:
    // SE(β1) = sqrt(100/99 · (1/30 + 1/10 + 1/20 + 1/40)) = sqrt(100/99 · 0.2083333) = 0.458735.
    const r = respondentsFromRows(
      sample([
        { agree: true, sat: true, count: 30 },
        { agree: true, sat: false, count: 10 },
        { agree: false, sat: true, count: 20 },
        { agree: false, sat: false, count: 40 },
      ]),
      { factors: { SAT: null, Q1: null } },
    );
    const res = keyDrivers(r, buildDesign(r, { method: "none" }), { outcome, items: [item("Q1")] });
    expect(res.intercept.coefficient).toBeCloseTo(Math.log(0.5), 10);
    const d = res.drivers[0];
    expect(d.coefficient).toBeCloseTo(Math.log(6), 10);
    expect(d.oddsRatio).toBeCloseTo(6, 9);
    expect(d.se).toBeCloseTo(Math.sqrt((100 / 99) * (1 / 30 + 1 / 10 + 1 / 20 + 1 / 40)), 9);
    // Importance: |β1| × SD of agreement, SD = sqrt(0.4 · 0.6).
    expect(d.importance).toBeCloseTo(Math.log(6) * Math.sqrt(0.24), 10);
    expect(d.share).toBe(1);
    expect(res.method).toBe(KEY_DRIVERS_METHOD);
  });

  it("uses the weights: doubling the weight of agreeing respondents doubles their counts", () => {
    // Weighted counts: agree 2·30 satisfied, 2·10 not; disagree 20/40: the odds ratio is still 6,
    // and the intercept still log(0.5), as weights within the agree group cancel.
    const rows = sample([
      { agree: true, sat: true, count: 30 },
      { agree: true, sat: false, count: 10 },
      { agree: false, sat: true, count: 20 },
      { agree: false, sat: false, count: 40 },
    ]);
    const r = respondentsFromRows(
      rows.map((row) => ({ ...row, w: row.Q1 === "AGREE" ? 2 : 1 })),
      { factors: { SAT: null, Q1: null }, numbers: ["w"] },
    );
    const res = keyDrivers(r, buildDesign(r, { method: "supplied", column: "w" }), { outcome, items: [item("Q1")] });
    expect(res.drivers[0].coefficient).toBeCloseTo(Math.log(6), 10);
    // Weighted share agreeing = 80/140, so the SD changes: sqrt(4/7 · 3/7).
    expect(res.drivers[0].sd).toBeCloseTo(Math.sqrt((4 / 7) * (3 / 7)), 12);
  });

  it("names the item that separates satisfied from not", () => {
    const r = respondentsFromRows(
      sample([
        { agree: true, sat: true, count: 30 },
        { agree: false, sat: true, count: 20 },
        { agree: false, sat: false, count: 40 },
      ]),
      { factors: { SAT: null, Q1: null } },
    );
    try {
      keyDrivers(r, buildDesign(r, { method: "none" }), { outcome, items: [item("Q1")] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AnalysisError);
      expect((e as AnalysisError).code).toBe("SEPARATION");
      expect((e as AnalysisError).field).toBe("Q1");
      expect((e as AnalysisError).message).toMatch(/Everyone who agrees with Q1 is satisfied/);
    }
  });

  it("names an item that duplicates another (singular matrix)", () => {
    const rows = sample([
      { agree: true, sat: true, count: 30 },
      { agree: true, sat: false, count: 10 },
      { agree: false, sat: true, count: 20 },
      { agree: false, sat: false, count: 40 },
    ]);
    const r = respondentsFromRows(
      rows.map((row) => ({ ...row, Q2: row.Q1 })),
      { factors: { SAT: null, Q1: null, Q2: null } },
    );
    expect(() => keyDrivers(r, buildDesign(r, { method: "none" }), { outcome, items: [item("Q1"), item("Q2")] })).toThrow(
      /Item Q2 is a combination of the other items/,
    );
  });

  it("ranks the synthetic CES items, with raked design-based SEs", () => {
    // In the synthetic data agreeing with "accurate information" adds most to the log-odds (1.1),
    // "communicated clearly" next (0.8); the routed TIMESCALES item is left out.
    const s = syntheticRespondents(20_000, 11);
    const design = buildDesign(s.respondents, { method: "rake", targets: s.targets });
    const items = STATEMENTS.filter((q) => q !== "CES_CC_TIMESCALES").map(item);
    const res = keyDrivers(s.respondents, design, { outcome: { ...outcome, question: "CES_SAT" }, items });
    expect(res.drivers[0].item).toBe("CES_GR_ACCURATE");
    expect(res.drivers[1].item).toBe("CES_CC_CLEAR");
    expect(res.drivers.map((d) => d.rank)).toEqual([1, 2, 3, 4]);
    expect(res.drivers.reduce((a, d) => a + d.share, 0)).toBeCloseTo(1, 12);
    for (const d of res.drivers) expect(d.se).toBeGreaterThan(0);
    console.log(
      "key drivers:",
      res.drivers.map((d) => `${d.rank}. ${d.item} β=${d.coefficient.toFixed(3)} (SE ${d.se.toFixed(3)}) share ${(d.share * 100).toFixed(1)}%`).join("; "),
      "base",
      res.base,
    );
  });
});
