import { describe, expect, it } from "vitest";
import { drawStratifiedSample, samplePositions, stratumRng } from "./selection";
import { hash32, resolveSeed } from "./seed";

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(6, "0")}`);

describe("seeds", () => {
  it("takes a number, a numeric text as that number, or hashes other text", () => {
    expect(resolveSeed(42)).toBe(42);
    expect(resolveSeed("42")).toBe(42);
    expect(resolveSeed(" 4294967295 ")).toBe(4294967295);
    expect(resolveSeed("march-2015")).toBe(hash32("march-2015"));
    expect(resolveSeed("4294967296")).toBe(hash32("4294967296"));
  });

  it("makes a random seed when none is given", () => {
    expect(resolveSeed(undefined, () => 7)).toBe(7);
    expect(resolveSeed("", () => 7)).toBe(7);
    const s = resolveSeed();
    expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
  });

  it("rejects numbers that are not 32-bit unsigned integers", () => {
    expect(() => resolveSeed(-1)).toThrow(RangeError);
    expect(() => resolveSeed(1.5)).toThrow(RangeError);
    expect(() => resolveSeed(2 ** 32)).toThrow(RangeError);
  });
});

describe("samplePositions", () => {
  it("draws n distinct positions in range", () => {
    const p = samplePositions(1000, 300, stratumRng(1, "x"));
    expect(p.length).toBe(300);
    expect(new Set(p).size).toBe(300);
    expect(Math.max(...p)).toBeLessThan(1000);
  });

  it("handles n = 0 and n = N", () => {
    expect(samplePositions(10, 0, stratumRng(1, "x")).length).toBe(0);
    expect([...samplePositions(10, 10, stratumRng(1, "x"))].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("includes each unit with probability n/N (over many seeds)", () => {
    const N = 20;
    const n = 5;
    const runs = 20_000;
    const hits = new Array<number>(N).fill(0);
    const firstPlace = new Array<number>(N).fill(0);
    for (let seed = 0; seed < runs; seed++) {
      const p = samplePositions(N, n, stratumRng(seed, "S"));
      for (const i of p) hits[i]++;
      firstPlace[p[0]]++;
    }
    // Expected 5,000 each; sd = sqrt(20000 * .25 * .75) ~ 61, so +-4 sd is 245.
    for (const h of hits) expect(Math.abs(h - (runs * n) / N)).toBeLessThan(245);
    // And the draw order is uniform too: expected 1,000, sd ~ 31.
    for (const f of firstPlace) expect(Math.abs(f - runs / N)).toBeLessThan(125);
  });
});

describe("drawStratifiedSample", () => {
  const frame = [
    { stratum: "2015-Q1|ARREARS|PAYING_PARENT", ids: ids("P", 500), size: 50 },
    { stratum: "2015-Q1|ARREARS|RECEIVING_PARENT", ids: ids("R", 40), size: 40 },
    { stratum: "2015-Q1|COMPLAINT|PAYING_PARENT", ids: ids("C", 7), size: 0 },
  ];

  it("draws n_h distinct clients from each stratum with weight N_h / n_h", () => {
    const sample = drawStratifiedSample(frame, 12345);
    expect(sample.seed).toBe(12345);
    expect(sample.cases.length).toBe(90);
    expect(new Set(sample.cases.map((c) => c.id)).size).toBe(90);
    expect(sample.cases.filter((c) => c.id.startsWith("P")).every((c) => c.weight === 10)).toBe(true);
    expect(sample.cases.filter((c) => c.id.startsWith("R")).every((c) => c.weight === 1)).toBe(true);
    expect(sample.strata).toEqual([
      { stratum: "2015-Q1|ARREARS|PAYING_PARENT", eligible: 500, drawn: 50, weight: 10 },
      { stratum: "2015-Q1|ARREARS|RECEIVING_PARENT", eligible: 40, drawn: 40, weight: 1 },
      { stratum: "2015-Q1|COMPLAINT|PAYING_PARENT", eligible: 7, drawn: 0, weight: null },
    ]);
  });

  it("gives the same sample for the same seed and frame, another for another seed", () => {
    const a = drawStratifiedSample(frame, 99).cases.map((c) => c.id);
    expect(drawStratifiedSample(frame, 99).cases.map((c) => c.id)).toEqual(a);
    expect(drawStratifiedSample(frame, 100).cases.map((c) => c.id)).not.toEqual(a);
  });

  it("draws a stratum the same way whatever other strata are present", () => {
    const alone = drawStratifiedSample([frame[0]], 7).cases;
    const together = drawStratifiedSample([frame[2], frame[1], frame[0]], 7).cases.filter((c) => c.id.startsWith("P"));
    expect(together).toEqual(alone);
  });

  it("is pinned: this seed on this frame gives these clients (guards reproducibility across versions)", () => {
    const first = drawStratifiedSample([{ stratum: "S", ids: ids("X", 1000), size: 5 }], 2015).cases.map((c) => c.id);
    expect(first).toMatchInlineSnapshot(`
      [
        "X000978",
        "X000703",
        "X000004",
        "X000733",
        "X000439",
      ]
    `);
  });

  it("refuses a size above the eligible count", () => {
    expect(() => drawStratifiedSample([{ stratum: "S", ids: ["a"], size: 2 }], 1)).toThrow(/cannot draw 2 from 1/);
  });

  it("draws 10,000 from 200,000 eligible in a few milliseconds", () => {
    const big = [{ stratum: "S", ids: ids("B", 200_000), size: 10_000 }];
    drawStratifiedSample(big, 1); // warm up
    const t = performance.now();
    const sample = drawStratifiedSample(big, 2);
    const ms = performance.now() - t;
    expect(sample.cases.length).toBe(10_000);
    expect(ms).toBeLessThan(250); // ~3 ms measured; the bound only catches an O(N log N) or worse regression on a busy box
  });
});
