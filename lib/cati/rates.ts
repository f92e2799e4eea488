// AAPOR outcome rates from counts by category (fieldwork.md "Outcome rates";
// formulas as written there). A zero denominator gives null: "no cases yet" is
// not a rate of 0, and NaN must never reach a report.
import type { CategoryCounts } from "./dispositions";

export const RATE_NAMES = [
  "RR1",
  "RR2",
  "RR3",
  "RR4",
  "RR5",
  "RR6",
  "COOP1",
  "COOP2",
  "COOP3",
  "COOP4",
  "REF1",
  "REF2",
  "REF3",
  "CON1",
  "CON2",
  "CON3",
] as const;
export type RateName = (typeof RATE_NAMES)[number];

export interface AaporRates {
  rates: Record<RateName, number | null>;
  /** The e used in RR3/RR4, REF2, CON2: given, or the default (null when it has no cases to come from). */
  e: number | null;
  eSource: "given" | "default";
}

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/** fieldwork.md: default e = (I+P+R+NC+O) / (I+P+R+NC+O+NE), the eligible share of cases whose eligibility is known. */
export function defaultEligibilityShare(c: CategoryCounts): number | null {
  const eligible = c.I + c.P + c.R + c.NC + c.O;
  return ratio(eligible, eligible + c.NE);
}

export function aaporRates(counts: CategoryCounts, options: { e?: number } = {}): AaporRates {
  if (options.e !== undefined && !(options.e >= 0 && options.e <= 1)) throw new RangeError(`e must be between 0 and 1, got ${options.e}`);
  for (const [k, v] of Object.entries(counts)) {
    if (!(Number.isFinite(v) && v >= 0)) throw new RangeError(`Count ${k} must be a non-negative number, got ${v}`);
  }
  const { I, P, R, NC, O, UH, UO } = counts;
  const e = options.e ?? defaultEligibilityShare(counts);
  const IP = I + P;
  const known = IP + R + NC + O;
  const all = known + UH + UO;
  const withE = e === null ? null : known + e * (UH + UO);
  const ratioE = (n: number) => (withE === null ? null : ratio(n, withE));
  const contacted = IP + R + O;
  return {
    e,
    eSource: options.e === undefined ? "default" : "given",
    rates: {
      RR1: ratio(I, all),
      RR2: ratio(IP, all),
      RR3: ratioE(I),
      RR4: ratioE(IP),
      RR5: ratio(I, known),
      RR6: ratio(IP, known),
      COOP1: ratio(I, IP + R + O),
      COOP2: ratio(IP, IP + R + O),
      COOP3: ratio(I, IP + R),
      COOP4: ratio(IP, IP + R),
      REF1: ratio(R, all),
      REF2: ratioE(R),
      REF3: ratio(R, known),
      CON1: ratio(contacted, all),
      CON2: ratioE(contacted),
      CON3: ratio(contacted, known),
    },
  };
}
