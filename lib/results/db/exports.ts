import "server-only";
import { isQuestion, listQuestionnaireVersions } from "@/lib/questionnaire";
import { toCsv, toXlsx, type ExportCell, type ExportFormat, type ExportSheet } from "@/lib/interchange/export-file";
import { buildDesign, type TargetRow, type WeightingSpec } from "@/lib/analysis";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { BREAKDOWN_LABELS } from "../format";
import { categoryLabel, questionLabel } from "../labels";
import { periodBounds } from "../periods";
import type { ResultsRequest } from "../results-request";
import { SURVEYS } from "../response-columns";
import { physicalColumns } from "../respondent-columns";
import { WEIGHTINGS } from "../results-request";
import { loadRespondentColumnsWithIds } from "./respondent-store";
import { runResultsTables, weightingColumns, weightingSpec } from "./run-results";

// Exports (interchange.md §4 `export`). Respondent-level files are pseudonymised:
// the respondent is a database number, not the file's respondent_ref (which may
// be a client reference); no names, phones or emails are held here at all, and
// the x_ columns and free-text answers (which may hold anything) are left out.
// Every text cell goes through csvSafe so a spreadsheet never runs it as a formula.

export type { ExportFormat };

const PROFILE = [
  ["survey", "survey"],
  ["questionnaire_version", "questionnaireVersion"],
  ["interview_date", "interviewDate"],
  ["period_month", "periodMonth"],
  ["mode", "mode"],
  ["role", "role"],
  ["contact_reason", "contactReason"],
  ["age_band", "ageBand"],
  ["gender", "gender"],
  ["ethnicity", "ethnicity"],
  ["health", "health"],
  ["service_length", "serviceLength"],
  ["csa_closure_letter", "csaClosureLetter"],
  ["weight", "weight"],
] as const;

/** Question columns of a survey, in questionnaire order, free text left out. */
function questionColumns(survey: string): string[] {
  const out: string[] = [];
  for (const v of listQuestionnaireVersions()) {
    if (v.survey !== survey) continue;
    for (const s of v.screens) if (isQuestion(s) && s.kind !== "text" && !out.includes(s.id)) out.push(s.id);
  }
  return out;
}

type Cell = ExportCell;

async function toFile(sheets: ExportSheet[], format: ExportFormat): Promise<Buffer> {
  return format === "csv" ? toCsv(sheets) : toXlsx(sheets);
}

export interface ExportRequest {
  readonly survey: string;
  readonly from?: string;
  readonly to?: string;
  /** The weighting whose weights the file carries (the page's); none when not given. */
  readonly weights?: string;
  readonly targetSet?: string;
}

/**
 * Issue 18: the weights behind the page's figures, so they can be reproduced
 * elsewhere (an estimate is Σ w·y / Σ w·x over the file). `design_weight` is the
 * weight before calibration (N_h / r_h for design weights, the supplied weight,
 * else 1); `weight_<method>` the final weight of the weighting chosen. The
 * respondents are weighted as the page weights them: read through the
 * respondent store, by the same spec, in the store's order; each file row
 * takes the weights of its respondent's id.
 */
async function weightsById(req: ExportRequest, spec: WeightingSpec): Promise<Map<number, { design: number; final: number }>> {
  const { table, ids } = await loadRespondentColumnsWithIds({
    survey: req.survey,
    from: req.from,
    to: req.to,
    columns: physicalColumns(req.survey, weightingColumns(spec)),
  });
  const out = new Map<number, { design: number; final: number }>();
  if (table.n === 0) return out;
  const design = buildDesign(table, spec);
  const start = spec.method === "supplied" ? table.numbers[spec.column] : design.method === "design" ? design.weights : design.calibration?.baseWeights;
  ids.forEach((id, i) => out.set(id, { design: start ? start[i] : 1, final: design.weights[i] }));
  return out;
}

function checkSurvey(survey: string): asserts survey is (typeof SURVEYS)[number] {
  if (!(SURVEYS as readonly string[]).includes(survey)) throw new AppError("INVALID_REQUEST", `--survey is one of ${SURVEYS.join(", ")}`, "survey");
}

export async function exportRespondents({
  request: req,
  format,
  targetRows,
}: {
  request: ExportRequest;
  format: ExportFormat;
  targetRows?: readonly TargetRow[];
}): Promise<{ body: Buffer; respondents: number; columns: number }> {
  checkSurvey(req.survey);
  const method = req.weights || "none";
  if (!(WEIGHTINGS as readonly string[]).includes(method)) throw new AppError("INVALID_REQUEST", `--weights is one of ${WEIGHTINGS.join(", ")}`, "weights");
  const spec = await weightingSpec({ request: { weights: method as (typeof WEIGHTINGS)[number], targetSet: req.targetSet || undefined }, targetRows });
  const weights = await weightsById(req, spec);
  const rows = await db().surveyRespondent.findMany({
    where: { survey: req.survey, periodMonth: periodBounds(req.from, req.to) },
    orderBy: { id: "asc" },
    select: {
      id: true,
      survey: true,
      questionnaireVersion: true,
      interviewDate: true,
      periodMonth: true,
      mode: true,
      role: true,
      contactReason: true,
      ageBand: true,
      gender: true,
      ethnicity: true,
      health: true,
      serviceLength: true,
      csaClosureLetter: true,
      stratum: true,
      weight: true,
      answers: true,
    },
  });
  const weightsOf = (id: bigint) => {
    const w = weights.get(Number(id));
    // a respondent imported between the two reads: the next export has it
    if (!w) throw new Error(`Respondent ${id} is not in the respondent store's read: the respondents changed during the export`);
    return w;
  };
  const questions = questionColumns(req.survey);
  const header = ["respondent_id", ...PROFILE.map(([c]) => c), "design_weight", `weight_${method}`, ...questions];
  const data = rows.map((r) => {
    const answers = (r.answers ?? {}) as Record<string, string | number>;
    const profile = PROFILE.map(([, k]) => {
      const v = r[k];
      // period_month is a month (YYYY-MM), interview_date a day
      return v instanceof Date ? v.toISOString().slice(0, k === "periodMonth" ? 7 : 10) : (v ?? null);
    });
    const w = weightsOf(r.id);
    return [Number(r.id), ...profile, w.design, w.final, ...questions.map((q) => answers[q] ?? null)];
  });
  return { body: await toFile([{ name: `${req.survey} respondents`, header, rows: data }], format), respondents: rows.length, columns: header.length };
}

export async function exportTables({
  request: req,
  format,
  targetRows,
}: {
  request: Omit<ResultsRequest, "measure" | "by">;
  format: ExportFormat;
  targetRows?: readonly TargetRow[];
}) {
  checkSurvey(req.survey);
  const { request, reports } = await runResultsTables({ request: req, targetRows });
  const header = [
    "measure",
    "breakdown",
    "category",
    "category_label",
    "base",
    "estimate",
    "se",
    "ci95_low",
    "ci95_high",
    "treat_with_caution",
    "suppressed",
    "significantly_different_from",
    "measure_label",
    "breakdown_label",
  ];
  const rows: Cell[][] = [];
  for (const rep of reports) {
    const { results } = rep;
    const list = results.by ? results.groups : [results.overall];
    // Issue 18: the question in full (the measure list's label is cut at 90 characters), the breakdown in words.
    const measureLabel = rep.measure.text ?? rep.measure.label.replace(`${rep.measure.id}: `, "");
    const breakdownLabel = !results.by ? "All respondents" : (BREAKDOWN_LABELS[results.by] ?? questionLabel(request.survey, results.by));
    const round = (v: number | null | undefined, se = false) => publishedRounding(v ?? null, results.statistic, se);
    for (const e of list) {
      const diff = results.tests.filter((t) => t.significant && (t.a === e.category || t.b === e.category)).map((t) => (t.a === e.category ? t.b : t.a));
      rows.push([
        rep.measure.id,
        results.by ?? "ALL",
        e.category,
        categoryLabel(request.survey, results.by ?? null, e.category),
        e.base,
        round(e.estimate),
        round(e.se, true),
        round(e.ci95?.[0]),
        round(e.ci95?.[1]),
        e.caution ? "yes" : "no",
        e.suppressed ?? null,
        diff.map((c) => categoryLabel(request.survey, results.by ?? null, c)).join("; ") || null,
        measureLabel,
        breakdownLabel,
      ]);
    }
  }
  const d = reports[0]?.results.weights;
  const notes: Cell[][] = [
    ["survey", request.survey],
    ["from", request.from ?? "all"],
    ["to", request.to ?? "all"],
    ["weighting", request.weights],
    ["respondents", reports[0]?.results.respondents ?? 0],
    ["minimum weight", d?.minWeight ?? null],
    ["maximum weight", d?.maxWeight ?? null],
    ["Kish design effect", d?.kishDeff ?? null],
    ["effective sample size", d?.effectiveSampleSize ?? null],
    [
      "estimates",
      "proportions 0-1; 95% confidence intervals by linearisation; bases under 100: treat with caution; bases under the minimum suppressed; differences significant at the 95% level",
    ],
    [
      "rounding",
      "as published: proportions and their intervals to 3 decimal places (0.1 percentage points), standard errors to 4, means to 2; the JSON twin (/api/results/json) keeps full precision",
    ],
  ];
  return {
    body: await toFile(
      [
        { name: "Tables", header, rows },
        { name: "Notes", header: ["item", "value"], rows: notes },
      ],
      format,
    ),
    tables: reports.length,
    rows: rows.length,
  };
}

/**
 * Published statistics are rounded (issue 18: the published CSV had 16-decimal
 * proportions): a proportion to 0.1 percentage points, its standard error one
 * place further, a mean to 2 places. The JSON twin keeps the raw values.
 */
export function publishedRounding(v: number | null, statistic: "proportion" | "mean", se = false): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const places = statistic === "proportion" ? (se ? 4 : 3) : se ? 3 : 2;
  const f = 10 ** places;
  return Math.round(v * f) / f;
}
