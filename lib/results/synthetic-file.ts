// Deterministic synthetic historical respondent files (interchange.md §2) for
// the demo database, tests and the browser test. Every cell is a valid answer
// for its row's questionnaire version (routing followed where it depends on the
// profile), so the file imports with no errors. Sample mixes are skewed from the
// population targets (targetRows) so weighting matters; satisfaction is driven
// by agreement with the statements (a key-driver story to find).
import { seededRandom } from "@/lib/analysis/synthetic";
import type { TargetRow } from "@/lib/analysis";
import { csvLine } from "@/lib/sampling/csv-safe";

interface Variable {
  name: string;
  levels: string[];
  population: number[];
  sample: number[];
}

const CES_PROFILE: Variable[] = [
  { name: "role", levels: ["RECEIVING_PARENT", "PAYING_PARENT"], population: [0.55, 0.45], sample: [0.65, 0.35] },
  { name: "contact_reason", levels: ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES"], population: [0.4, 0.6], sample: [0.5, 0.5] },
  { name: "age_band", levels: ["16-24", "25-34", "35-44", "45-54", "55+"], population: [0.08, 0.27, 0.33, 0.22, 0.1], sample: [0.04, 0.18, 0.32, 0.29, 0.17] },
  { name: "gender", levels: ["FEMALE", "MALE"], population: [0.57, 0.43], sample: [0.66, 0.34] },
  { name: "service_length", levels: ["LT1Y", "1-3Y", "GT3Y"], population: [0.3, 0.35, 0.35], sample: [0.22, 0.33, 0.45] },
];
const ETHNICITY = { levels: ["WHITE", "ASIAN", "BLACK", "MIXED", "OTHER", "PREFER_NOT"], sample: [0.78, 0.08, 0.06, 0.04, 0.02, 0.02] };
const HEALTH = { levels: ["NONE", "PHYSICAL", "MENTAL", "BOTH", "PREFER_NOT"], sample: [0.55, 0.15, 0.15, 0.1, 0.05] };

const SAT5 = ["VERY_SATISFIED", "SATISFIED", "NEITHER", "DISSATISFIED", "VERY_DISSATISFIED"];
const AGREE5 = ["STRONGLY_AGREE", "AGREE", "NEITHER", "DISAGREE", "STRONGLY_DISAGREE"];
const AGREE4 = ["STRONGLY_AGREE", "AGREE", "DISAGREE", "STRONGLY_DISAGREE"];

function pick(u: number, shares: readonly number[]): number {
  let acc = 0;
  for (let k = 0; k < shares.length - 1; k++) {
    acc += shares[k];
    if (u < acc) return k;
  }
  return shares.length - 1;
}

export interface SyntheticFile {
  readonly header: string[];
  readonly rows: Record<string, string>[];
  readonly targetRows: TargetRow[];
}

function addDays(start: string, days: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** CES-2023 respondents, interviews spread over April 2023 - March 2024. */
export function syntheticCes(n: number, seed: number, population = 400_000, refPrefix = "CES"): SyntheticFile {
  const rnd = seededRandom(seed);
  const statements: { id: string; na: boolean; effect: number; newOnly?: boolean }[] = [
    { id: "CES_GR_ACCURATE", na: true, effect: 1.1 },
    { id: "CES_ME_EASY_USE", na: false, effect: 0.5 },
    { id: "CES_CC_CLEAR", na: false, effect: 0.8 },
    { id: "CES_CC_NEXT", na: true, effect: 0.4 },
    { id: "CES_CC_TIMESCALES", na: false, effect: 0.3, newOnly: true },
    { id: "CES_PS_NEEDS", na: true, effect: 0.6 },
  ];
  const header = [
    "respondent_ref",
    "survey",
    "questionnaire_version",
    "interview_date",
    "mode",
    "role",
    "contact_reason",
    "age_band",
    "gender",
    "ethnicity",
    "health",
    "service_length",
    "CES_SAT",
    "CES_CHANNELS",
    ...statements.map((s) => s.id),
    "CES_DIGITAL",
  ];
  const rows: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) {
    const p = CES_PROFILE.map((v) => pick(rnd(), v.sample));
    const [role, reason, age, gender] = p;
    const row: Record<string, string> = {
      respondent_ref: `${refPrefix}-${String(i + 1).padStart(6, "0")}`,
      survey: "CES",
      questionnaire_version: "CES-2023",
      interview_date: addDays("2023-04-01", Math.floor(rnd() * 366)),
      mode: rnd() < 0.6 ? "ONLINE" : "PHONE",
      ethnicity: ETHNICITY.levels[pick(rnd(), ETHNICITY.sample)],
      health: HEALTH.levels[pick(rnd(), HEALTH.sample)],
      CES_CHANNELS: rnd() < 0.7 ? "PHONE" : "PHONE;PORTAL",
      CES_DIGITAL: ["YES_WITHOUT_HELP", "YES_WITH_HELP", "NO"][pick(rnd(), [0.7, 0.2, 0.1])],
    };
    CES_PROFILE.forEach((v, k) => {
      row[v.name] = v.levels[p[k]];
    });
    const experience = (rnd() - 0.5) * 3 + (role === 0 ? 0.4 : -0.3) + 0.12 * age + (gender === 0 ? 0.1 : 0);
    let eta = -1.6 + 0.25 * experience;
    statements.forEach((s, k) => {
      if (s.newOnly && reason !== 0) {
        row[s.id] = "";
        return;
      }
      if (s.na && rnd() < 0.05) {
        row[s.id] = "NA";
        return;
      }
      const agrees = rnd() < 1 / (1 + Math.exp(-(experience + (k - 2) * 0.2)));
      row[s.id] = agrees ? AGREE5[rnd() < 0.4 ? 0 : 1] : AGREE5[2 + Math.floor(rnd() * 3)];
      if (agrees) eta += s.effect;
    });
    if (rnd() < 0.04) row.CES_SAT = "DK";
    else row.CES_SAT = rnd() < 1 / (1 + Math.exp(-eta)) ? SAT5[rnd() < 0.45 ? 0 : 1] : SAT5[2 + Math.floor(rnd() * 3)];
    rows.push(row);
  }
  const targetRows: TargetRow[] = [];
  for (const v of CES_PROFILE) {
    if (v.name === "role") continue; // CES weights to age, gender, length of service and contact reason (methodology.md)
    v.levels.forEach((l, k) => targetRows.push({ variable: v.name, category: l, population: Math.round(population * v.population[k]) }));
  }
  return { header, rows, targetRows };
}

const CMS_STATEMENTS_2013 = [
  "CMS_CS_COURTESY",
  "CMS_CS_SENSITIVE",
  "CMS_CS_IMPARTIAL",
  "CMS_CS_WRITTEN",
  "CMS_CS_KNOWLEDGE",
  "CMS_CS_UNDERSTOOD",
  "CMS_CS_INFORMED",
];
const CMS_STATEMENTS_2015 = ["CMS_CS_POLITE", ...CMS_STATEMENTS_2013];

/**
 * CMS monthly respondents, `perMonth` each month from 2014-06 to 2016-03: CMS-2013
 * (5-point with Don't know) before March 2015, CMS-2015 (4-point) after — the May
 * 2015 scale change. Supplied design weights N_h / r_h by role x contact reason.
 */
export function syntheticCms(perMonth: number, seed: number, refPrefix = "CMS"): SyntheticFile {
  const rnd = seededRandom(seed);
  const header = [
    "respondent_ref",
    "survey",
    "questionnaire_version",
    "interview_date",
    "mode",
    "role",
    "contact_reason",
    "age_band",
    "gender",
    "weight",
    "CMS_SAT",
    ...CMS_STATEMENTS_2015,
  ];
  const rows: Record<string, string>[] = [];
  const roles = ["RECEIVING_PARENT", "PAYING_PARENT"];
  const reasons = ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES"];
  const populations = [
    [9000, 6000],
    [5000, 4000],
  ];
  let serial = 0;
  for (let y = 2014, m = 6; y < 2016 || (y === 2016 && m <= 3); m === 12 ? (y++, (m = 1)) : m++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    const v2015 = month >= "2015-03";
    for (let i = 0; i < perMonth; i++) {
      const role = rnd() < 0.6 ? 0 : 1;
      const reason = rnd() < 0.55 ? 0 : 1;
      const experience = (rnd() - 0.5) * 3 + (role === 0 ? 0.5 : -0.2) + (v2015 ? 0.3 : 0) + (y - 2014) * 0.1;
      const row: Record<string, string> = {
        respondent_ref: `${refPrefix}-${String(++serial).padStart(6, "0")}`,
        survey: "CMS",
        questionnaire_version: v2015 ? "CMS-2015" : "CMS-2013",
        interview_date: `${month}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
        mode: "PHONE",
        role: roles[role],
        contact_reason: reasons[reason],
        age_band: ["16-24", "25-34", "35-44", "45-54", "55+"][pick(rnd(), [0.06, 0.25, 0.35, 0.24, 0.1])],
        gender: rnd() < 0.6 ? "FEMALE" : "MALE",
        // design weight: population share of the stratum over its expected sample share
        weight: String(Math.round((populations[role][reason] / ((role ? 0.4 : 0.6) * (reason ? 0.45 : 0.55) * perMonth)) * 100) / 100),
      };
      let eta = -1.2 + 0.2 * experience;
      for (const s of v2015 ? CMS_STATEMENTS_2015 : CMS_STATEMENTS_2013) {
        // CMS-2015: CMS_CS_INFORMED not asked for contacts March-May 2015 (questionnaires.md)
        if (s === "CMS_CS_INFORMED" && month >= "2015-03" && month <= "2015-05") continue;
        const agrees = rnd() < 1 / (1 + Math.exp(-(experience + 0.6)));
        row[s] = agrees ? AGREE4[rnd() < 0.35 ? 0 : 1] : AGREE4[2 + Math.floor(rnd() * 2)];
        if (agrees) eta += s === "CMS_CS_INFORMED" ? 0.9 : s === "CMS_CS_KNOWLEDGE" ? 0.7 : 0.3;
      }
      if (!v2015 && rnd() < 0.05) row.CMS_SAT = "DK";
      else
        row.CMS_SAT = rnd() < 1 / (1 + Math.exp(-eta)) ? (rnd() < 0.45 ? "VERY_SATISFIED" : "SATISFIED") : rnd() < 0.6 ? "DISSATISFIED" : "VERY_DISSATISFIED";
      rows.push(row);
    }
  }
  const targetRows: TargetRow[] = [];
  roles.forEach((r, i) =>
    reasons.forEach((c, j) => targetRows.push({ variable: "role*contact_reason", category: `${r}*${c}`, population: populations[i][j] })),
  );
  return { header, rows, targetRows };
}

const OPTIONS_RATINGS = ["OPT_CS_EXPLAINED", "OPT_CS_EASY", "OPT_CS_UNDERSTANDING", "OPT_CS_INFO", "OPT_CS_OPTIONS", "OPT_CS_BEST"];
const SAT4 = ["VERY_SATISFIED", "SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"];

/** Child Maintenance Options respondents, `perMonth` each month April 2014 - March 2015: satisfaction, waiting time, six 1-10 agent ratings. */
export function syntheticOptions(perMonth: number, seed: number, refPrefix = "OPT"): SyntheticFile {
  const rnd = seededRandom(seed);
  const header = [
    "respondent_ref",
    "survey",
    "questionnaire_version",
    "interview_date",
    "mode",
    "role",
    "contact_reason",
    "age_band",
    "gender",
    "csa_closure_letter",
    "OPT_SAT",
    "OPT_WAIT",
    ...OPTIONS_RATINGS,
  ];
  const rows: Record<string, string>[] = [];
  let serial = 0;
  for (let k = 0; k < 12; k++) {
    const y = 2014 + Math.floor((3 + k) / 12);
    const month = `${y}-${String(((3 + k) % 12) + 1).padStart(2, "0")}`;
    for (let i = 0; i < perMonth; i++) {
      const mainCare = rnd() < 0.62;
      const agent = (rnd() - 0.5) * 4 + (mainCare ? 0.4 : -0.2);
      const row: Record<string, string> = {
        respondent_ref: `${refPrefix}-${String(++serial).padStart(6, "0")}`,
        survey: "OPTIONS",
        questionnaire_version: "OPTIONS-2014",
        interview_date: `${month}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`,
        mode: "PHONE",
        role: mainCare ? "MAIN_CARE" : "SOME_OR_NO_CARE",
        contact_reason: "ENQUIRY",
        age_band: ["16-24", "25-34", "35-44", "45-54", "55+"][pick(rnd(), [0.1, 0.3, 0.3, 0.2, 0.1])],
        gender: rnd() < 0.7 ? "FEMALE" : "MALE",
        // About three in ten had a CSA case closed (a fixed pattern: it draws no random numbers).
        csa_closure_letter: (serial * 7919) % 10 < 3 ? "Y" : "N",
      };
      for (const q of OPTIONS_RATINGS) {
        if (rnd() < 0.02) {
          row[q] = "REFUSED";
          continue;
        }
        row[q] = String(Math.max(1, Math.min(10, Math.round(7.2 + agent + (rnd() - 0.5) * 3))));
      }
      row.OPT_SAT = SAT4[rnd() < 1 / (1 + Math.exp(-(1.6 + agent))) ? (rnd() < 0.5 ? 0 : 1) : 2 + Math.floor(rnd() * 2)];
      row.OPT_WAIT = SAT4[pick(rnd(), [0.35, 0.4, 0.15, 0.1])];
      rows.push(row);
    }
  }
  return { header, rows, targetRows: [] };
}

export function fileText(f: { header: readonly string[]; rows: readonly Record<string, string>[] }): string {
  return [csvLine(f.header), ...f.rows.map((r) => csvLine(f.header.map((h) => r[h] ?? "")))].join("\r\n") + "\r\n";
}

export function targetsText(rows: readonly TargetRow[]): string {
  return ["variable,category,population", ...rows.map((r) => csvLine([r.variable, r.category, Number(r.population)]))].join("\n") + "\n";
}
