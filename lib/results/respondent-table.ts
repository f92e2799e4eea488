// Analysis-ready respondents (SurveyRespondent rows) -> lib/analysis columns.
// Column names are the interchange ones (role, contact_reason, age_band, ...),
// plus month, quarter and every question id, so `--by` and targets use the
// words of interchange.md §2-§3.
import { allocateCodes, NO_VALUE, type Factor, type Respondents } from "@/lib/analysis";
import { getQuestionnaireVersion, choiceOptions, type Question } from "@/lib/questionnaire";
import { CONTACT_REASONS, MODES, PROFILE_COLUMNS, ROLES, surveyQuestions } from "./response-columns";
import { PROFILE_BREAKDOWNS } from "./format";
import { monthOf, reportingQuarter } from "./periods";

export interface RespondentRow {
  readonly respondentRef: string;
  readonly questionnaireVersion: string;
  /** YYYY-MM-DD */
  readonly interviewDate: string;
  /** YYYY-MM(-DD): the reporting period (README "Periods"); the interview month when absent. */
  readonly periodMonth?: string;
  readonly mode: string;
  readonly role: string;
  readonly contactReason: string;
  readonly ageBand: string | null;
  readonly gender: string | null;
  readonly ethnicity: string | null;
  readonly health: string | null;
  readonly serviceLength: string | null;
  readonly csaClosureLetter: string | null;
  readonly stratum: string | null;
  readonly weight: number | null;
  readonly answers: Readonly<Record<string, string | number>>;
}

/** Respondent columns usable in --by and in targets (besides question ids). */
export const RESPONDENT_COLUMNS = [...PROFILE_BREAKDOWNS, "mode", "questionnaire_version", "month", "quarter", "stratum"] as const;

/** Rating questions also get a factor "<id>:POSITIVE" (at or above the threshold) for key drivers. */
export const POSITIVE_SUFFIX = ":POSITIVE";

function factorOf(values: readonly (string | null | undefined)[], declared?: readonly string[]): Factor {
  const present = new Set<string>();
  for (const v of values) if (v) present.add(v);
  const levels = declared ? declared.filter((l) => present.has(l)) : [...present].sort();
  for (const v of present) if (!levels.includes(v)) levels.push(v); // codes outside the declared list still show
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = allocateCodes(values.length, levels.length);
  values.forEach((v, i) => {
    codes[i] = v ? index.get(v)! : NO_VALUE;
  });
  return { levels, codes };
}

/** Answer codes of a question across versions, in option order, REFUSED last. */
export function declaredCodes(qs: readonly Question[]): string[] {
  const out: string[] = [];
  for (const q of qs) for (const o of choiceOptions(q)) if (!out.includes(o.code)) out.push(o.code);
  out.push("REFUSED");
  return out;
}

export function positiveThreshold(survey: string, versions: readonly string[]): number | undefined {
  for (const v of versions) {
    const t = getQuestionnaireVersion(v)?.settings.positiveRatingThreshold;
    if (t !== undefined && getQuestionnaireVersion(v)?.survey === survey) return t;
  }
  return undefined;
}

export function respondentTable(survey: string, rows: readonly RespondentRow[]): Respondents {
  const n = rows.length;
  const factors: Record<string, Factor> = {
    role: factorOf(
      rows.map((r) => r.role),
      ROLES,
    ),
    contact_reason: factorOf(
      rows.map((r) => r.contactReason),
      CONTACT_REASONS,
    ),
    age_band: factorOf(
      rows.map((r) => r.ageBand),
      PROFILE_COLUMNS.age_band,
    ),
    gender: factorOf(
      rows.map((r) => r.gender),
      PROFILE_COLUMNS.gender,
    ),
    ethnicity: factorOf(
      rows.map((r) => r.ethnicity),
      PROFILE_COLUMNS.ethnicity,
    ),
    health: factorOf(
      rows.map((r) => r.health),
      PROFILE_COLUMNS.health,
    ),
    service_length: factorOf(
      rows.map((r) => r.serviceLength),
      PROFILE_COLUMNS.service_length,
    ),
    csa_closure_letter: factorOf(
      rows.map((r) => r.csaClosureLetter),
      PROFILE_COLUMNS.csa_closure_letter,
    ),
    mode: factorOf(
      rows.map((r) => r.mode),
      MODES,
    ),
    questionnaire_version: factorOf(rows.map((r) => r.questionnaireVersion)),
    month: factorOf(rows.map((r) => monthOf(r.periodMonth ?? r.interviewDate))),
    quarter: factorOf(rows.map((r) => reportingQuarter(monthOf(r.periodMonth ?? r.interviewDate) + "-01", survey))),
    stratum: factorOf(rows.map((r) => r.stratum)),
  };
  const numbers: Record<string, Float64Array> = { weight: Float64Array.from(rows, (r) => (r.weight === null ? NaN : r.weight)) };
  const threshold = positiveThreshold(survey, factors.questionnaire_version.levels);
  for (const [id, qs] of surveyQuestions(survey)) {
    const kind = qs[0].kind;
    if (kind === "single" || kind === "yesNo") {
      factors[id] = factorOf(
        rows.map((r) => {
          const a = r.answers[id];
          return a === undefined ? null : String(a);
        }),
        declaredCodes(qs),
      );
    } else if (kind === "rating") {
      const v = Float64Array.from(rows, (r) => (typeof r.answers[id] === "number" ? (r.answers[id] as number) : NaN));
      numbers[id] = v;
      if (threshold !== undefined) {
        factors[id + POSITIVE_SUFFIX] = factorOf(
          rows.map((r) => {
            const a = r.answers[id];
            return a === undefined ? null : a === "REFUSED" ? "REFUSED" : (a as number) >= threshold ? "POSITIVE" : "NOT_POSITIVE";
          }),
          ["POSITIVE", "NOT_POSITIVE", "REFUSED"],
        );
      }
    }
  }
  return { n, factors, numbers };
}
