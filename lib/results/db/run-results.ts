import "server-only";
import {
  buildDesign,
  computeResults,
  distribution,
  formatEstimate,
  keyDrivers,
  measureVariables,
  parseTargets,
  ratio,
  type Estimate,
  type KeyDriversResult,
  type MeasureSpec,
  type Respondents,
  type Results,
  type SurveyDesign,
  type TargetRow,
  type WeightingSpec,
} from "@/lib/analysis";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { listMeasures, resolveMeasure, type MeasureDefinition } from "../measure-catalogue";
import { periodBounds, periodLabel } from "../periods";
import { RESPONDENT_COLUMNS, POSITIVE_SUFFIX, respondentTable, type RespondentRow } from "../respondent-table";
import { resultsRequestSchema, type ParsedResultsRequest, type ResultsRequest } from "../results-request";
import { getTargetSetRows } from "./target-sets";

// The one place results are computed: `npm run cli -- results` and the /results
// page both call runResults, so they show the same numbers for the same request.

export interface SeriesPoint extends Estimate {
  readonly label: string;
  /** The questionnaire versions answered in this period. */
  readonly versions: readonly string[];
  /** The questionnaire (and so possibly the answer scale) changed at this period. */
  readonly versionChange: boolean;
}

export interface ResultsReport {
  /** interchange.md §4, plus optional fields. */
  readonly results: Results & { readonly survey: string; readonly from: string | null; readonly to: string | null; readonly by: string | null; readonly respondents: number };
  readonly request: ParsedResultsRequest;
  readonly measure: MeasureDefinition;
  readonly series?: { readonly monthly: readonly SeriesPoint[]; readonly quarterly: readonly SeriesPoint[] };
  readonly drivers?: KeyDriversResult | { readonly error: string };
  /** Single-choice measures: the share of each answer over the measure's base. */
  readonly distribution?: { readonly question: string; readonly answers: readonly Estimate[] } | null;
}

export interface RunResultsOptions {
  /** Targets from a file (CLI --targets); otherwise the request's targetSet. */
  readonly targetRows?: readonly TargetRow[];
  /** Also the monthly and quarterly series and key drivers (the page). */
  readonly detail?: boolean;
}

export async function loadRespondents(survey: string, from?: string, to?: string): Promise<RespondentRow[]> {
  const rows = await db().surveyRespondent.findMany({
    where: { survey: survey as "CES", interviewDate: periodBounds(from, to) },
    orderBy: { id: "asc" },
    select: {
      respondentRef: true, questionnaireVersion: true, interviewDate: true, mode: true, role: true, contactReason: true,
      ageBand: true, gender: true, ethnicity: true, health: true, serviceLength: true, csaClosureLetter: true, stratum: true, weight: true, answers: true,
    },
  });
  return rows.map((r) => ({ ...r, interviewDate: r.interviewDate.toISOString().slice(0, 10), answers: (r.answers ?? {}) as Record<string, string | number> }));
}

async function weightingSpec(req: ParsedResultsRequest, targetRows: readonly TargetRow[] | undefined): Promise<WeightingSpec> {
  if (req.weights === "none") return { method: "none" };
  if (req.weights === "supplied") return { method: "supplied", column: "weight" };
  let rows = targetRows;
  if (!rows && req.targetSet) rows = await getTargetSetRows(req.targetSet);
  if (!rows) throw new AppError("TARGETS_REQUIRED", `Weighting by ${req.weights} needs population targets: choose a target set (on the command line, --targets FILE)`, "targetSet");
  const targets = parseTargets(rows);
  if (req.weights === "design") {
    if (targets.margins.length !== 1) throw new AppError("WRONG_TARGETS_FOR_METHOD", "Design weights need the population of each stratum: targets for exactly one (possibly crossed) variable", "targetSet");
    const m = targets.margins[0];
    return { method: "design", stratum: m.variable, populations: m.populations };
  }
  if (req.weights === "poststratify") return { method: "poststratify", targets };
  return { method: "rake", targets };
}

function checkColumn(r: Respondents, name: string, field: string): void {
  for (const part of name.split("*")) {
    if (!r.factors[part]) {
      throw new AppError("UNKNOWN_COLUMN", `Unknown breakdown "${part}": use one of ${RESPONDENT_COLUMNS.join(", ")} or a single-choice question id`, field);
    }
  }
}

function series(r: Respondents, design: SurveyDesign, y: Float64Array, x: Float64Array, kind: "month" | "quarter", statistic: "proportion" | "mean", minimumBase?: number): SeriesPoint[] {
  const f = r.factors[kind];
  const versions = r.factors.questionnaire_version;
  const order = f.levels.map((l, code) => ({ l, code })).sort((a, b) => a.l.localeCompare(b.l));
  let previous = "";
  return order.map(({ l, code }) => {
    const seen = new Set<string>();
    for (let i = 0; i < r.n; i++) if (f.codes[i] === code && x[i] > 0) seen.add(versions.levels[versions.codes[i]]);
    const v = [...seen].sort();
    const key = v.join(",");
    const versionChange = previous !== "" && key !== "" && key !== previous;
    if (key) previous = key;
    const est = formatEstimate(l, ratio(design, y, x, { codes: f.codes, level: code }), statistic, { minimumBase });
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
    .map((m) => (r.factors[m.id + POSITIVE_SUFFIX] ? { question: m.id + POSITIVE_SUFFIX, positive: ["POSITIVE"], excluded: ["REFUSED"] } : { question: m.id, positive: ["STRONGLY_AGREE", "AGREE"], excluded: ["NA", "REFUSED"] }))
    .filter((c) => r.factors[c.question]?.levels.some((l) => c.positive.includes(l)) && !r.factors[c.question].levels.includes("VERY_SATISFIED"));
  // Complete cases shrink fast with routed items: model the items most respondents answered.
  const items = candidates.filter((c) => {
    const f = r.factors[c.question];
    let valid = 0;
    for (let i = 0; i < r.n; i++) if (outcomeValid[i] > 0 && f.codes[i] >= 0 && !c.excluded.includes(f.levels[f.codes[i]])) valid++;
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

function parseRequest(input: ResultsRequest): ParsedResultsRequest {
  const parsed = resultsRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_REQUEST", issue.message, issue.path.join("."));
  }
  return parsed.data;
}

/** Loads a survey's respondents for the period and weights them as asked. */
async function prepare(req: ParsedResultsRequest, targetRows: readonly TargetRow[] | undefined): Promise<{ r: Respondents; design: SurveyDesign }> {
  const rows = await loadRespondents(req.survey, req.from, req.to);
  if (rows.length === 0) throw new AppError("NO_RESPONDENTS", `There are no ${req.survey} respondents${req.from || req.to ? ` from ${req.from ?? "the start"} to ${req.to ?? "the end"}` : ""}`, "survey");
  const r = respondentTable(req.survey, rows);
  if (req.by) checkColumn(r, req.by, "by");
  const design = buildDesign(r, await weightingSpec(req, targetRows));
  return { r, design };
}

function report(r: Respondents, design: SurveyDesign, req: ParsedResultsRequest): ResultsReport {
  const measure = resolveMeasure(req.survey, req.measure, req.statistic, r.factors.questionnaire_version.levels);
  const results = computeResults(r, design, { measure: req.measure, spec: measure.spec, by: req.by, rules: { minimumBase: req.minimumBase } });
  return {
    results: { ...results, survey: req.survey, from: req.from ?? null, to: req.to ?? null, by: req.by ?? null, respondents: r.n },
    request: req,
    measure: measure.definition,
  };
}

export async function runResults(input: ResultsRequest, options: RunResultsOptions = {}): Promise<ResultsReport> {
  const req = parseRequest(input);
  const { r, design } = await prepare(req, options.targetRows);
  const base = report(r, design, req);
  if (!options.detail) return base;
  const spec = resolveMeasure(req.survey, req.measure, req.statistic, r.factors.questionnaire_version.levels).spec;
  const { y, x, statistic } = measureVariables(r, spec);
  return {
    ...base,
    series: { monthly: series(r, design, y, x, "month", statistic, req.minimumBase), quarterly: series(r, design, y, x, "quarter", statistic, req.minimumBase) },
    drivers: drivers(r, design, req.survey),
    distribution: answerDistribution(r, design, spec, req.minimumBase),
  };
}

/** The breakdowns of the published tables (methodology.md, Breakdowns) that these respondents have. */
export const TABLE_BREAKDOWNS = ["role", "contact_reason", "age_band", "gender", "ethnicity", "health", "service_length", "csa_closure_letter", "CES_DIGITAL"] as const;

/** Every proportion measure of the survey, overall and by each breakdown: the published-style tables. */
export async function runResultsTables(input: Omit<ResultsRequest, "measure" | "by">, options: RunResultsOptions = {}): Promise<{ request: ParsedResultsRequest; reports: ResultsReport[] }> {
  const req = parseRequest({ ...input, measure: "-" });
  const { r, design } = await prepare(req, options.targetRows);
  const reports: ResultsReport[] = [];
  const breakdowns = TABLE_BREAKDOWNS.filter((b) => r.factors[b]?.levels.length);
  for (const m of listMeasures(req.survey)) {
    if (m.questions.every((q) => !r.factors[q] && !r.numbers[q])) continue;
    for (const by of [undefined, ...breakdowns]) {
      try {
        reports.push(report(r, design, { ...req, measure: m.id, by, statistic: "proportion" }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error; // a measure with no answers in the period: left out
      }
    }
  }
  return { request: req, reports };
}

/** interchange.md §4 `results` JSON: the CLI prints exactly this (optional fields allowed). */
export function resultsJson(report: ResultsReport) {
  const { measure, weighting, statistic, overall, groups, tests, weights, survey, from, to, by, respondents } = report.results;
  return { measure, weighting, overall, groups, tests, statistic, survey, from, to, by, respondents, askedOf: report.measure.askedOf, weights };
}

