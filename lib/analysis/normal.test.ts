import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erfc, normalCdf, twoSidedP, Z_975 } from "./normal";

describe("normal distribution", () => {
  it("matches published values of Φ (R pnorm / A&S Table 26.1) to 1e-13 relative", () => {
    const known: [number, number][] = [
      [0, 0.5],
      [1, 0.8413447460685429],
      [1.96, 0.9750021048517795],
      [-1.96, 0.024997895148220435],
      [3, 0.9986501019683699],
      [-5, 2.866515718791939e-7],
      [-10, 7.619853024160527e-24],
    ];
    for (const [x, p] of known) expect(Math.abs(normalCdf(x) / p - 1)).toBeLessThan(1e-13);
    expect(erfc(0.5)).toBeCloseTo(0.4795001221869535, 15);
  });

  it("gives p = 0.05 at the 97.5% quantile and p = 1 at 0", () => {
    expect(twoSidedP(Z_975)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(-Z_975)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedP(Infinity)).toBe(0);
  });

  it("agrees with Python's math.erfc over -8..8 to 1e-12 relative", () => {
    const xs = Array.from({ length: 321 }, (_, k) => -8 + k * 0.05);
    const out = execFileSync(
      "python3",
      ["-c", `import math,json,sys; print(json.dumps([math.erfc(x) for x in json.loads(sys.argv[1])]))`, JSON.stringify(xs)],
      { encoding: "utf8" },
    );
    const ref = JSON.parse(out) as number[];
    xs.forEach((x, k) => expect(Math.abs(erfc(x) / ref[k] - 1)).toBeLessThan(1e-12));
  });

  it("is a distribution function: symmetric, monotone, in [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, h) => {
        const p = normalCdf(x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(Math.abs(p + normalCdf(-x) - 1)).toBeLessThan(1e-15);
        expect(normalCdf(x + h)).toBeGreaterThanOrEqual(p);
      }),
    );
  });
});
