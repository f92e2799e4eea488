// Outcome rates for the control room (issue 15). The arithmetic is lib/cati's
// aaporRates (one implementation); this file adds what a supervisor needs to
// check a figure: its formula, the counts behind it, and how e was chosen.
import { aaporRates, RATE_NAMES, type RateName } from "@/lib/cati/rates";
import { countByCategory, type CategoryCounts } from "@/lib/cati/dispositions";

/** fieldwork.md "Outcome rates", as written there. */
export const RATE_FORMULAS: Record<RateName, string> = {
  RR1: "I / ((I+P) + (R+NC+O) + (UH+UO))",
  RR2: "(I+P) / ((I+P) + (R+NC+O) + (UH+UO))",
  RR3: "I / ((I+P) + (R+NC+O) + e(UH+UO))",
  RR4: "(I+P) / ((I+P) + (R+NC+O) + e(UH+UO))",
  RR5: "I / ((I+P) + (R+NC+O))",
  RR6: "(I+P) / ((I+P) + (R+NC+O))",
  COOP1: "I / ((I+P) + R + O)",
  COOP2: "(I+P) / ((I+P) + R + O)",
  COOP3: "I / ((I+P) + R)",
  COOP4: "(I+P) / ((I+P) + R)",
  REF1: "R / ((I+P) + (R+NC+O) + (UH+UO))",
  REF2: "R / ((I+P) + (R+NC+O) + e(UH+UO))",
  REF3: "R / ((I+P) + (R+NC+O))",
  CON1: "((I+P) + R + O) / ((I+P) + (R+NC+O) + (UH+UO))",
  CON2: "((I+P) + R + O) / ((I+P) + (R+NC+O) + e(UH+UO))",
  CON3: "((I+P) + R + O) / ((I+P) + (R+NC+O))",
};

export const DEFAULT_E_METHOD = "default: (I+P+R+NC+O) / (I+P+R+NC+O+NE), the eligible share of cases whose eligibility is known";

export interface RateFigure {
  name: RateName;
  /** null: the denominator is zero ("n/a"). */
  value: number | null;
  formula: string;
  numerator: number | null;
  denominator: number | null;
}

export interface RateReport {
  counts: CategoryCounts;
  cases: number;
  e: number | null;
  eSource: "default" | "supervisor";
  eMethod: string;
  rates: Record<RateName, number | null>;
  figures: RateFigure[];
}

function parts(name: RateName, c: CategoryCounts, e: number | null): { numerator: number | null; denominator: number | null } {
  const IP = c.I + c.P;
  const known = IP + c.R + c.NC + c.O;
  const all = known + c.UH + c.UO;
  const withE = e === null ? null : known + e * (c.UH + c.UO);
  const contacted = IP + c.R + c.O;
  switch (name) {
    case "RR1":
      return { numerator: c.I, denominator: all };
    case "RR2":
      return { numerator: IP, denominator: all };
    case "RR3":
      return { numerator: c.I, denominator: withE };
    case "RR4":
      return { numerator: IP, denominator: withE };
    case "RR5":
      return { numerator: c.I, denominator: known };
    case "RR6":
      return { numerator: IP, denominator: known };
    case "COOP1":
      return { numerator: c.I, denominator: IP + c.R + c.O };
    case "COOP2":
      return { numerator: IP, denominator: IP + c.R + c.O };
    case "COOP3":
      return { numerator: c.I, denominator: IP + c.R };
    case "COOP4":
      return { numerator: IP, denominator: IP + c.R };
    case "REF1":
      return { numerator: c.R, denominator: all };
    case "REF2":
      return { numerator: c.R, denominator: withE };
    case "REF3":
      return { numerator: c.R, denominator: known };
    case "CON1":
      return { numerator: contacted, denominator: all };
    case "CON2":
      return { numerator: contacted, denominator: withE };
    case "CON3":
      return { numerator: contacted, denominator: known };
  }
}

/** Every rate of a group of cases with its formula and counts; `e` set by a supervisor wins over the default. */
export function rateReport(counts: CategoryCounts, supervisorE: number | null = null): RateReport {
  const result = aaporRates(counts, supervisorE === null ? {} : { e: supervisorE });
  const figures = RATE_NAMES.map((name) => ({ name, value: result.rates[name], formula: RATE_FORMULAS[name], ...parts(name, counts, result.e) }));
  return {
    counts,
    cases: Object.values(counts).reduce((a, b) => a + b, 0),
    e: result.e,
    eSource: supervisorE === null ? "default" : "supervisor",
    eMethod: supervisorE === null ? DEFAULT_E_METHOD : "set by a supervisor for this sample",
    rates: result.rates,
    figures,
  };
}

/** Counts by category from (code, count) pairs, as grouped by the database. */
export function countsOf(rows: readonly { code: string; count: number }[]): CategoryCounts {
  const counts = countByCategory([]);
  for (const r of rows) {
    const one = countByCategory([r.code]);
    for (const k of Object.keys(counts) as (keyof CategoryCounts)[]) counts[k] += one[k] * r.count;
  }
  return counts;
}

/** "40.0%" or "n/a" where the denominator is zero. */
export const formatRateOrNa = (r: number | null) => (r === null ? "n/a" : `${(r * 100).toFixed(1)}%`);
