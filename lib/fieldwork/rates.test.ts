import { describe, expect, it } from "vitest";
import { RATE_NAMES } from "@/lib/cati/rates";
import { countsOf, formatRateOrNa, rateReport } from "./rates";

// Hand-worked (the example of lib/cati/rates.test.ts):
//   I=40 P=10 R=20 NC=15 O=5 UH=8 UO=2 NE=20
//   all = 100, known = 90, I+P = 50, contacted = 75, default e = 90/110 = 9/11
// With a supervisor's e = 0.5: known + e(UH+UO) = 90 + 5 = 95
//   RR3 = 40/95, RR4 = 50/95, REF2 = 20/95, CON2 = 75/95
const example = { I: 40, P: 10, R: 20, NC: 15, O: 5, UH: 8, UO: 2, NE: 20 };

describe("rateReport", () => {
  it("gives each rate with its formula, numerator and denominator (default e)", () => {
    const r = rateReport(example);
    expect(r.eSource).toBe("default");
    expect(r.e).toBeCloseTo(9 / 11, 12);
    expect(r.cases).toBe(120);
    const fig = Object.fromEntries(r.figures.map((f) => [f.name, f]));
    expect(fig.RR1).toMatchObject({ numerator: 40, denominator: 100, value: 0.4, formula: "I / ((I+P) + (R+NC+O) + (UH+UO))" });
    expect(fig.RR6).toMatchObject({ numerator: 50, denominator: 90 });
    expect(fig.COOP1).toMatchObject({ numerator: 40, denominator: 75 });
    expect(fig.COOP4).toMatchObject({ numerator: 50, denominator: 70 });
    expect(fig.REF3).toMatchObject({ numerator: 20, denominator: 90 });
    expect(fig.CON1).toMatchObject({ numerator: 75, denominator: 100, value: 0.75 });
    expect(fig.RR3.denominator).toBeCloseTo(1080 / 11, 9);
    // every value is its numerator over its denominator
    for (const f of r.figures) expect(f.value!, f.name).toBeCloseTo(f.numerator! / f.denominator!, 12);
  });

  it("uses a supervisor's e in RR3, RR4, REF2 and CON2 and says so", () => {
    const r = rateReport(example, 0.5);
    expect(r.eSource).toBe("supervisor");
    expect(r.e).toBe(0.5);
    expect(r.rates.RR3).toBeCloseTo(40 / 95, 12);
    expect(r.rates.RR4).toBeCloseTo(50 / 95, 12);
    expect(r.rates.REF2).toBeCloseTo(20 / 95, 12);
    expect(r.rates.CON2).toBeCloseTo(75 / 95, 12);
    expect(r.rates.RR1).toBe(0.4); // e plays no part in RR1
  });

  it("gives n/a, never NaN, for an empty group", () => {
    const r = rateReport(countsOf([]));
    expect(r.e).toBeNull();
    for (const name of RATE_NAMES) {
      expect(r.rates[name], name).toBeNull();
      expect(formatRateOrNa(r.rates[name])).toBe("n/a");
    }
  });

  it("gives n/a only where the denominator is zero: only not-eligible cases", () => {
    const r = rateReport(countsOf([{ code: "4.70", count: 3 }]));
    expect(r.e).toBe(0);
    expect(r.rates.RR1).toBeNull();
    expect(r.rates.RR3).toBeNull();
    expect(r.cases).toBe(3);
  });

  it("counts grouped disposition codes into categories", () => {
    expect(
      countsOf([
        { code: "1.1", count: 2 },
        { code: "2.112", count: 3 },
        { code: "3.11", count: 4 },
        { code: "2.111", count: 1 },
      ]),
    ).toEqual({ I: 2, P: 0, R: 4, NC: 0, O: 0, UH: 4, UO: 0, NE: 0 });
  });
});
