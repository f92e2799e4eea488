// The results of one request over respondents already loaded and weighted:
// pure (no database), so the page, the CLI and the exports compute the same
// numbers and report.test.ts checks them without a database. db/run-results.ts
// loads the respondents and calls these.
import {
  computeResults,
  distribution,
  domainRatios,
  formatEstimate,
  keyDrivers,
  measureVariables,
  type Estimate,
  type KeyDriversResult,
  type MeasureSpec,
  type Respondents,
  type Results,
  type SurveyDesign,
} from "@/lib/analysis";
import { AppError } from "@/lib/errors";
import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { listMeasures, resolveMeasure, type MeasureDefinition } from "./measure-catalogue";
import { periodLabel } from "./periods";
import { PROFILE_BREAKDOWNS } from "./format";
import { POSITIVE_SUFFIX, RESPONDENT_COLUMNS } from "./respondent-table";
import type { ParsedResultsRequest } from "./results-request";

export interface SeriesPoint extends Estimate {
  readonly label: string;
  /** The questionnaire versions answered in this period. */
  readonly versions: readonly string[];
  /** The questionnaire (and so possibly the answer scale) changed at this period. */
  readonly versionChange: boolean;
}

export interface ResultsReport {
  /** interchange.md §4, plus optional fields. */
  readonly results: Results & {
    readonly survey: string;
    readonly from: string | null;
    readonly to: string | null;
    readonly by: string | null;
    readonly respondents: number;
  };
  readonly request: ParsedResultsRequest;
  readonly measure: MeasureDefinition;
  readonly series?: { readonly monthly: readonly SeriesPoint[]; readonly quarterly: readonly SeriesPoint[] };
  readonly drivers?: KeyDriversResult | { readonly error: string };
  /** Single-choice measures: the share of each answer over the measure's base. */
  readonly distribution?: { readonly question: string; readonly answers: readonly Estimate[] } | null;
}

/** The breakdowns of the published tables (methodology.md, Breakdowns) that these respondents have. */
export const TABLE_BREAKDOWNS = [...PROFILE_BREAKDOWNS, "CES_DIGITAL"] as const;

/** interchange.md §4 `results` JSON: the CLI prints exactly this (optional fields allowed). */
export function resultsJson(report: ResultsReport) {
  const { measure, weighting, statistic, overall, groups, tests, weights, survey, from, to, by, respondents } = report.results;
  return { measure, weighting, overall, groups, tests, statistic, survey, from, to, by, respondents, askedOf: report.measure.askedOf, weights };
}

/** The measure overall or by the request's breakdown. */
export function measureReport(r: Respondents, design: SurveyDesign, req: ParsedResultsRequest): ResultsReport {
  const measure = resolveMeasure(req.survey, req.measure, req.statistic, r.factors.questionnaire_version.levels);
  const results = computeResults(r, design, { measure: req.measure, spec: measure.spec, by: req.by, rules: { minimumBase: req.minimumBase } });
  return {
    results: { ...results, survey: req.survey, from: req.from ?? null, to: req.to ?? null, by: req.by ?? null, respondents: r.n },
    request: req,
    measure: measure.definition,
  };
}

/** measureReport plus the monthly and quarterly series, key drivers and the answer distribution (the page). */
export function detailedReport(r: Respondents, design: SurveyDesign, req: ParsedResultsRequest): ResultsReport {
  const base = measureReport(r, design, req);
  const spec = resolveMeasure(req.survey, req.measure, req.statistic, r.factors.questionnaire_version.levels).spec;
  const { y, x, statistic } = measureVariables(r, spec);
  return {
    ...base,
    series: {
      monthly: series(r, design, y, x, "month", statistic, req.minimumBase),
      quarterly: series(r, design, y, x, "quarter", statistic, req.minimumBase),
    },
    drivers: drivers(r, design, req.survey),
    distribution: answerDistribution(r, design, spec, req.minimumBase),
  };
}

/** Refuses a breakdown the respondents do not have, naming the field. */
export function checkColumn(r: Respondents, name: string, field: string): void {
  for (const part of name.split("*")) {
    if (!r.factors[part]) {
      throw new AppError("UNKNOWN_COLUMN", `Unknown breakdown "${part}": use one of ${RESPONDENT_COLUMNS.join(", ")} or a single-choice question id`, field);
    }
  }
}

function series(
  r: Respondents,
  design: SurveyDesign,
  y: Float64Array,
  x: Float64Array,
  kind: "month" | "quarter",
  statistic: "proportion" | "mean",
  minimumBase?: number,
): SeriesPoint[] {
  const f = r.factors[kind];
  const versions = r.factors.questionnaire_version;
  // Which versions answered in each period, in one pass: seen[period * V + version].
  const V = versions.levels.length;
  const seen = new Uint8Array(f.levels.length * V);
  for (let i = 0; i < r.n; i++) if (f.codes[i] >= 0 && x[i] > 0) seen[f.codes[i] * V + versions.codes[i]] = 1;
  // Every period's estimate in one pass over the respondents.
  const estimates = domainRatios(design, y, x, f.codes, f.levels.length);
  const order = f.levels.map((l, code) => ({ l, code })).sort((a, b) => a.l.localeCompare(b.l));
  let previous = "";
  return order.map(({ l, code }) => {
    const v = versions.levels.filter((_, k) => seen[code * V + k]).sort();
    const key = v.join(",");
    const versionChange = previous !== "" && key !== "" && key !== previous;
    if (key) previous = key;
    const est = formatEstimate(l, estimates[code], statistic, { minimumBase });
    return { ...est, label: periodLabel(l, kind), versions: v, versionChange };
  });
}

function answerDistribution(r: Respondents, design: SurveyDesign, spec: MeasureSpec, minimumBase?: number): ResultsReport["distribution"] {
  if (spec.kind !== "share" || spec.questions.length !== 1 || !r.factors[spec.questions[0]]) return null;
  const q = spec.questions[0];
  const present = new Set<number>();
  for (const c of r.factors[q].codes) if (c >= 0) present.add(c);
  const answers = distribution(r, design, q, spec.excluded, { minimumBase }).filter((e) => present.has(r.factors[q].levels.indexOf(e.category)));
  return { question: q, answers };
}

function drivers(r: Respondents, design: SurveyDesign, survey: string): KeyDriversResult | { error: string } {
  const versions = r.factors.questionnaire_version.levels;
  const overall = versions.map((v) => getQuestionnaireVersion(v)?.settings.overallQuestionId).find(Boolean);
  if (!overall || !r.factors[overall]) return { error: "No overall satisfaction question in these respondents" };
  const outcome = { question: overall, positive: ["VERY_SATISFIED", "SATISFIED"], excluded: ["DK", "REFUSED"] };
  const { x: outcomeValid } = measureVariables(r, { kind: "share", questions: [overall], positive: outcome.positive, excluded: outcome.excluded });
  let validOutcome = 0;
  for (let i = 0; i < r.n; i++) validOutcome += outcomeValid[i];
  const candidates = listMeasures(survey)
    .filter((m) => m.questions.length === 1 && m.id !== overall)
    .map((m) =>
      r.factors[m.id + POSITIVE_SUFFIX]
        ? { question: m.id + POSITIVE_SUFFIX, positive: ["POSITIVE"], excluded: ["REFUSED"] }
        : { question: m.id, positive: ["STRONGLY_AGREE", "AGREE"], excluded: ["NA", "REFUSED"] },
    )
    .filter((c) => r.factors[c.question]?.levels.some((l) => c.positive.includes(l)) && !r.factors[c.question].levels.includes("VERY_SATISFIED"));
  // Complete cases shrink fast with routed items: model the items most respondents answered.
  const items = candidates.filter((c) => {
    const f = r.factors[c.question];
    const validLevel = Uint8Array.from(f.levels, (l) => (c.excluded.includes(l) ? 0 : 1));
    let valid = 0;
    for (let i = 0; i < r.n; i++) if (outcomeValid[i] > 0 && f.codes[i] >= 0 && validLevel[f.codes[i]]) valid++;
    return valid >= 0.6 * validOutcome;
  });
  if (items.length === 0) return { error: "No statements were answered by most respondents in this period" };
  try {
    return keyDrivers(r, design, { outcome, items });
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
