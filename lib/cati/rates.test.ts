import { describe, expect, it } from "vitest";
import type { CategoryCounts } from "./dispositions";
import { aaporRates, defaultEligibilityShare, RATE_NAMES } from "./rates";

// Worked example, by hand:
//   I=40 P=10 R=20 NC=15 O=5 UH=8 UO=2 NE=20      (120 cases)
//   I+P = 50; known = I+P+R+NC+O = 90; UH+UO = 10; all = 100
//   default e = 90 / (90 + 20) = 9/11 = 0.818181...
//   e(UH+UO) = 90/11 = 8.1818...; known + e(UH+UO) = 1080/11 = 98.1818...
//   RR1 = 40/100 = 0.4          RR2 = 50/100 = 0.5
//   RR3 = 40/(1080/11) = 440/1080 = 0.407407...   RR4 = 550/1080 = 0.509259...
//   RR5 = 40/90 = 0.4444...     RR6 = 50/90 = 0.5555...
//   COOP1 = 40/(50+20+5) = 40/75 = 0.5333...   COOP2 = 50/75 = 0.6666...
//   COOP3 = 40/70 = 0.571428... COOP4 = 50/70 = 0.714285...
//   REF1 = 20/100 = 0.2   REF2 = 220/1080 = 0.203703...   REF3 = 20/90 = 0.2222...
//   CON1 = (50+20+5)/100 = 0.75   CON2 = 75*11/1080 = 825/1080 = 0.763888...   CON3 = 75/90 = 0.8333...
const example: CategoryCounts = { I: 40, P: 10, R: 20, NC: 15, O: 5, UH: 8, UO: 2, NE: 20 };

describe("AAPOR rates", () => {
  it("match the worked example with the default e", () => {
    const { rates, e, eSource } = aaporRates(example);
    expect(eSource).toBe("default");
    expect(e).toBeCloseTo(9 / 11, 12);
    const expected = {
      RR1: 0.4,
      RR2: 0.5,
      RR3: 440 / 1080,
      RR4: 550 / 1080,
      RR5: 40 / 90,
      RR6: 50 / 90,
      COOP1: 40 / 75,
      COOP2: 50 / 75,
      COOP3: 40 / 70,
      COOP4: 50 / 70,
      REF1: 0.2,
      REF2: 220 / 1080,
      REF3: 20 / 90,
      CON1: 0.75,
      CON2: 825 / 1080,
      CON3: 75 / 90,
    };
    for (const name of RATE_NAMES) expect(rates[name], name).toBeCloseTo(expected[name], 12);
  });

  it("uses an explicit e: 1 gives RR3 = RR1, 0 gives RR3 = RR5", () => {
    const one = aaporRates(example, { e: 1 });
    expect(one.eSource).toBe("given");
    expect(one.rates.RR3).toBeCloseTo(one.rates.RR1 as number, 12);
    const zero = aaporRates(example, { e: 0 });
    expect(zero.rates.RR3).toBeCloseTo(zero.rates.RR5 as number, 12);
    expect(zero.rates.CON2).toBeCloseTo(zero.rates.CON3 as number, 12);
  });

  it("gives null, never NaN, for zero denominators", () => {
    const none = aaporRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });
    expect(none.e).toBeNull();
    for (const name of RATE_NAMES) expect(none.rates[name], name).toBeNull();
    // only unknown eligibility: no default e, RR1 = 0, RR5 undefined
    const unknown = aaporRates({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 5, UO: 0, NE: 0 });
    expect(unknown.rates.RR1).toBe(0);
    expect(unknown.rates.RR3).toBeNull();
    expect(unknown.rates.RR5).toBeNull();
    expect(unknown.rates.COOP1).toBeNull();
  });

  it("default e is the eligible share of cases with known eligibility (fieldwork.md)", () => {
    expect(defaultEligibilityShare({ I: 1, P: 0, R: 1, NC: 1, O: 1, UH: 100, UO: 100, NE: 4 })).toBe(0.5);
  });

  it("rejects e outside 0..1 and negative counts", () => {
    expect(() => aaporRates(example, { e: 1.2 })).toThrow(RangeError);
    expect(() => aaporRates({ ...example, I: -1 })).toThrow(RangeError);
  });
});
