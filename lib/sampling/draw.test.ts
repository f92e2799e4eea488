import { describe, expect, it } from "vitest";
import { drawSample } from "./draw";

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => i + (prefix === "a" ? 0 : 100_000));

describe("drawSample", () => {
  const strata = [
    { stratum: "2015-Q1|ARREARS|PAYING_PARENT", ids: ids("a", 3000) },
    { stratum: "2015-Q1|ARREARS|RECEIVING_PARENT", ids: ids("b", 1000) },
  ];

  it("allocates, draws and returns the seed it used", () => {
    const result = drawSample({ strata, allocation: { method: "proportional", size: 100 }, seed: "march" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.seed).toBeTypeOf("number");
    expect(result.drawn).toBe(100);
    expect(result.strata.map((s) => [s.drawn, s.weight])).toEqual([
      [75, 40],
      [25, 40],
    ]);
    expect(drawSample({ strata, allocation: { method: "proportional", size: 100 }, seed: result.seed })).toEqual(result);
  });

  it("makes a seed when none is given", () => {
    const a = drawSample({ strata, allocation: { method: "equal", size: 10 } });
    expect(a.ok && Number.isInteger(a.seed)).toBe(true);
  });

  it("passes allocation errors through", () => {
    expect(drawSample({ strata, allocation: { method: "proportional-with-minimum", size: 10, minimum: 6 } })).toMatchObject({
      ok: false,
      error: { code: "MINIMUM_EXCEEDS_SIZE" },
    });
  });

  it("takes everyone and reports the shortfall when asked for more than are eligible", () => {
    const result = drawSample({ strata, allocation: { method: "proportional", size: 5000 }, seed: 1 });
    expect(result).toMatchObject({ ok: true, requested: 5000, drawn: 4000, shortfall: 1000 });
    expect(result.ok && result.warnings[0].code).toBe("SHORTFALL");
  });
});
