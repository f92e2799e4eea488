import "server-only";
import { buildDesign, parseTargets, type Respondents, type SurveyDesign, type TargetRow, type WeightingSpec } from "@/lib/analysis";
import { AppError } from "@/lib/errors";
import { listMeasures } from "../measure-catalogue";
import { allColumns, measureColumns, physicalColumns } from "../respondent-columns";
import { surveyQuestions } from "../response-columns";
import { checkColumn, detailedReport, measureReport, TABLE_BREAKDOWNS, type ResultsReport } from "../report";
import { resultsRequestSchema, type ParsedResultsRequest, type ResultsRequest } from "../results-request";
import { loadRespondentColumns } from "./respondent-store";

// The one place results are computed: `npm run cli -- results` and the /results
// page both call runResults, so they show the same numbers for the same request.

export interface RunResultsInput {
  readonly request: ResultsRequest;
  /** Targets from a file (CLI --targets); otherwise the request's targetSet. */
  readonly targetRows?: readonly TargetRow[];
  /** Also the monthly and quarterly series and key drivers (the page). */
  readonly detail?: boolean;
}

/** The weighting a request asks for, its targets from the file given or the named target set. */
export async function weightingSpec({
  request: req,
  targetRows,
}: {
  request: Pick<ParsedResultsRequest, "weights" | "targetSet">;
  targetRows?: readonly TargetRow[];
}): Promise<WeightingSpec> {
  if (req.weights === "none") return { method: "none" };
  if (req.weights === "supplied") return { method: "supplied", column: "weight" };
  let rows = targetRows;
  // Loaded here, not at the top: the CLI's targets come from a file, and it need not load Prisma.
  if (!rows && req.targetSet) rows = await (await import("./target-sets")).getTargetSetRows(req.targetSet);
  if (!rows)
    throw new AppError(
      "TARGETS_REQUIRED",
      `Weighting by ${req.weights} needs population targets: choose a target set (on the command line, --targets FILE)`,
      "targetSet",
    );
  const targets = parseTargets(rows);
  if (req.weights === "design") {
    if (targets.margins.length !== 1)
      throw new AppError(
        "WRONG_TARGETS_FOR_METHOD",
        "Design weights need the population of each stratum: targets for exactly one (possibly crossed) variable",
        "targetSet",
      );
    const m = targets.margins[0];
    return { method: "design", stratum: m.variable, populations: m.populations };
  }
  if (req.weights === "poststratify") return { method: "poststratify", targets };
  return { method: "rake", targets };
}

function parseRequest(input: ResultsRequest): ParsedResultsRequest {
  const parsed = resultsRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_REQUEST", issue.message, issue.path.join("."));
  }
  return parsed.data;
}

/** The columns a weighting reads: the supplied weight, the design's stratum, or the variables of the targets' margins (and any base weights or strata named). */
export function weightingColumns(spec: WeightingSpec): string[] {
  const names: string[] = [];
  if (spec.method === "supplied") names.push(spec.column);
  if (spec.method === "design") names.push(spec.stratum);
  if (spec.method === "poststratify" || spec.method === "rake") {
    names.push(...spec.targets.margins.map((m) => m.variable));
    if (spec.baseWeights) names.push(spec.baseWeights);
  }
  if ("strata" in spec && spec.strata) names.push(spec.strata);
  return names;
}

/** The columns a request reads: its measure, breakdown and weighting; the page's detail every answer (key drivers); the tables everything. */
function requestColumns(req: ParsedResultsRequest, spec: WeightingSpec, scope: "measure" | "detail" | "tables"): string[] {
  if (scope === "tables") return physicalColumns(req.survey, allColumns(req.survey));
  const names = [...measureColumns(req.survey, req.measure)];
  if (req.by) names.push(req.by);
  names.push(...weightingColumns(spec));
  if (scope === "detail") names.push(...surveyQuestions(req.survey).keys());
  return physicalColumns(req.survey, names);
}

/** Loads a survey's respondents for the period (only the columns asked for) and weights them as asked. */
async function prepare(
  req: ParsedResultsRequest,
  targetRows: readonly TargetRow[] | undefined,
  scope: "measure" | "detail" | "tables",
): Promise<{ r: Respondents; design: SurveyDesign }> {
  const spec = await weightingSpec({ request: req, targetRows });
  const r = await loadRespondentColumns({ survey: req.survey, from: req.from, to: req.to, columns: requestColumns(req, spec, scope) });
  if (r.n === 0)
    throw new AppError(
      "NO_RESPONDENTS",
      `There are no ${req.survey} respondents${req.from || req.to ? ` from ${req.from ?? "the start"} to ${req.to ?? "the end"}` : ""}`,
      "survey",
    );
  if (req.by) checkColumn(r, req.by, "by");
  const design = buildDesign(r, spec);
  return { r, design };
}

export async function runResults({ request, targetRows, detail }: RunResultsInput): Promise<ResultsReport> {
  const req = parseRequest(request);
  const { r, design } = await prepare(req, targetRows, detail ? "detail" : "measure");
  return detail ? detailedReport(r, design, req) : measureReport(r, design, req);
}

/** Every proportion measure of the survey, overall and by each breakdown: the published-style tables. */
export async function runResultsTables({
  request,
  targetRows,
}: {
  request: Omit<ResultsRequest, "measure" | "by">;
  targetRows?: readonly TargetRow[];
}): Promise<{ request: ParsedResultsRequest; reports: ResultsReport[] }> {
  const req = parseRequest({ ...request, measure: "-" });
  const { r, design } = await prepare(req, targetRows, "tables");
  const reports: ResultsReport[] = [];
  const breakdowns = TABLE_BREAKDOWNS.filter((b) => r.factors[b]?.levels.length);
  for (const m of listMeasures(req.survey)) {
    if (m.questions.every((q) => !r.factors[q] && !r.numbers[q])) continue;
    for (const by of [undefined, ...breakdowns]) {
      try {
        reports.push(measureReport(r, design, { ...req, measure: m.id, by, statistic: "proportion" }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error; // a measure with no answers in the period: left out
      }
    }
  }
  return { request: req, reports };
}
