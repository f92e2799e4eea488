/**
 * Seeded synthetic CES-like respondents for tests and the benchmark: profile
 * variables whose sample mix is skewed from the population (so weighting matters),
 * overall satisfaction with a "Don't know", agreement statements with "Not
 * applicable", one routed statement, and satisfaction driven by the statements.
 */
import { allocateCodes, NO_VALUE, type Factor, type Respondents } from "./data";
import { parseTargets, type TargetRow, type Targets } from "./targets";

/** mulberry32: small, fast, good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProfileVariable {
  name: string;
  levels: string[];
  /** Share in the population (targets). */
  population: number[];
  /** Share in the sample (who responds). */
  sample: number[];
}

export const PROFILE: readonly ProfileVariable[] = [
  { name: "role", levels: ["RECEIVING_PARENT", "PAYING_PARENT"], population: [0.55, 0.45], sample: [0.65, 0.35] },
  { name: "contact_reason", levels: ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES"], population: [0.4, 0.6], sample: [0.5, 0.5] },
  { name: "age_band", levels: ["16-24", "25-34", "35-44", "45-54", "55+"], population: [0.08, 0.27, 0.33, 0.22, 0.1], sample: [0.04, 0.18, 0.32, 0.29, 0.17] },
  { name: "gender", levels: ["FEMALE", "MALE"], population: [0.57, 0.43], sample: [0.66, 0.34] },
  { name: "service_length", levels: ["LT1Y", "1-3Y", "GT3Y"], population: [0.3, 0.35, 0.35], sample: [0.22, 0.33, 0.45] },
];

export const SAT_LEVELS = ["VERY_SATISFIED", "SATISFIED", "NEITHER", "DISSATISFIED", "VERY_DISSATISFIED", "DK"];
export const AGREE_LEVELS = ["STRONGLY_AGREE", "AGREE", "NEITHER", "DISAGREE", "STRONGLY_DISAGREE", "NA"];
/** Statements; CES_CC_TIMESCALES is routed to new applications only (questionnaires.md). */
export const STATEMENTS = ["CES_GR_ACCURATE", "CES_ME_EASY_USE", "CES_CC_CLEAR", "CES_CC_TIMESCALES", "CES_PS_NEEDS"];
const ITEM_EFFECT = [1.1, 0.5, 0.8, 0.3, 0.6];

function pick(u: number, shares: readonly number[]): number {
  let acc = 0;
  for (let k = 0; k < shares.length - 1; k++) {
    acc += shares[k];
    if (u < acc) return k;
  }
  return shares.length - 1;
}

export interface Synthetic {
  readonly respondents: Respondents;
  readonly targetRows: TargetRow[];
  readonly targets: Targets;
}

/** `margins`: which profile variables get population targets (default: all five). */
export function syntheticRespondents(n: number, seed: number, population = 500_000, margins: readonly string[] = PROFILE.map((p) => p.name)): Synthetic {
  const rnd = seededRandom(seed);
  const factors: Record<string, Factor> = {};
  const profile = PROFILE.map((p) => {
    const codes = allocateCodes(n, p.levels.length);
    for (let i = 0; i < n; i++) codes[i] = pick(rnd(), p.sample);
    factors[p.name] = { levels: p.levels, codes };
    return codes;
  });
  const [role, reason, age, gender] = profile;
  const items = STATEMENTS.map((name) => {
    const codes = allocateCodes(n, AGREE_LEVELS.length);
    factors[name] = { levels: AGREE_LEVELS, codes };
    return codes;
  });
  const sat = allocateCodes(n, SAT_LEVELS.length);
  factors.CES_SAT = { levels: SAT_LEVELS, codes: sat };
  for (let i = 0; i < n; i++) {
    // A latent "good experience" drives agreement; receiving parents and older clients are more positive.
    const experience = (rnd() - 0.5) * 3 + (role[i] === 0 ? 0.4 : -0.3) + 0.12 * age[i] + (gender[i] === 0 ? 0.1 : 0);
    let eta = -1.6 + 0.25 * experience;
    for (let k = 0; k < items.length; k++) {
      if (k === 3 && reason[i] !== 0) {
        items[k][i] = NO_VALUE;
        continue;
      } // routed: new applications only
      if (rnd() < 0.05) {
        items[k][i] = 5;
        continue;
      } // NA
      const pAgree = 1 / (1 + Math.exp(-(experience + (k - 2) * 0.2)));
      const agrees = rnd() < pAgree;
      items[k][i] = agrees ? (rnd() < 0.4 ? 0 : 1) : 2 + Math.floor(rnd() * 3);
      if (agrees) eta += ITEM_EFFECT[k];
    }
    if (rnd() < 0.04) {
      sat[i] = 5;
      continue;
    } // DK
    const pSat = 1 / (1 + Math.exp(-eta));
    sat[i] = rnd() < pSat ? (rnd() < 0.45 ? 0 : 1) : 2 + Math.floor(rnd() * 3);
  }
  const targetRows: TargetRow[] = [];
  for (const p of PROFILE) {
    if (!margins.includes(p.name)) continue;
    p.levels.forEach((l, k) => targetRows.push({ variable: p.name, category: l, population: Math.round(population * p.population[k]) }));
  }
  return { respondents: { n, factors, numbers: {} }, targetRows, targets: parseTargets(targetRows) };
}

/** Row objects (interchange §2 columns) for CSV files and respondentsFromRows. */
export function toRows(r: Respondents): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < r.n; i++) {
    const row: Record<string, string> = { respondent_ref: `R${i + 1}` };
    for (const [name, f] of Object.entries(r.factors)) row[name] = f.codes[i] < 0 ? "" : f.levels[f.codes[i]];
    for (const [name, v] of Object.entries(r.numbers)) row[name] = Number.isNaN(v[i]) ? "" : String(v[i]);
    rows.push(row);
  }
  return rows;
}
