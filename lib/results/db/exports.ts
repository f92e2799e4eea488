import "server-only";
import { CLIENT_ROLE_LABELS, CONTACT_REASON_LABELS } from "@/lib/interchange/codes";
import { isQuestion, listQuestionnaireVersions } from "@/lib/questionnaire";
import { toCsv, toXlsx, type ExportCell, type ExportFormat, type ExportSheet } from "@/lib/interchange/export-file";
import type { TargetRow } from "@/lib/analysis";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { periodBounds } from "../periods";
import type { ResultsRequest } from "../results-request";
import { SURVEYS } from "../response-columns";
import { runResultsTables } from "./run-results";

// Exports (interchange.md §4 `export`). Respondent-level files are pseudonymised:
// the respondent is a database number, not the file's respondent_ref (which may
// be a client reference); no names, phones or emails are held here at all, and
// the x_ columns and free-text answers (which may hold anything) are left out.
// Every text cell goes through csvSafe so a spreadsheet never runs it as a formula.

export type { ExportFormat };

const PROFILE = [
  ["survey", "survey"], ["questionnaire_version", "questionnaireVersion"], ["interview_date", "interviewDate"], ["period_month", "periodMonth"], ["mode", "mode"],
  ["role", "role"], ["contact_reason", "contactReason"], ["age_band", "ageBand"], ["gender", "gender"], ["ethnicity", "ethnicity"],
  ["health", "health"], ["service_length", "serviceLength"], ["csa_closure_letter", "csaClosureLetter"], ["weight", "weight"],
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
}

function checkSurvey(survey: string): asserts survey is (typeof SURVEYS)[number] {
  if (!(SURVEYS as readonly string[]).includes(survey)) throw new AppError("INVALID_REQUEST", `--survey is one of ${SURVEYS.join(", ")}`, "survey");
}

export async function exportRespondents(req: ExportRequest, format: ExportFormat): Promise<{ body: Buffer; respondents: number; columns: number }> {
  checkSurvey(req.survey);
  const rows = await db().surveyRespondent.findMany({
    where: { survey: req.survey, periodMonth: periodBounds(req.from, req.to) },
    orderBy: { id: "asc" },
    select: {
      id: true, survey: true, questionnaireVersion: true, interviewDate: true, periodMonth: true, mode: true, role: true, contactReason: true,
      ageBand: true, gender: true, ethnicity: true, health: true, serviceLength: true, csaClosureLetter: true, weight: true, answers: true,
    },
  });
  const questions = questionColumns(req.survey);
  const header = ["respondent_id", ...PROFILE.map(([c]) => c), ...questions];
  const data = rows.map((r) => {
    const answers = (r.answers ?? {}) as Record<string, string | number>;
    const profile = PROFILE.map(([, k]) => {
      const v = r[k];
      // period_month is a month (YYYY-MM), interview_date a day
      return v instanceof Date ? v.toISOString().slice(0, k === "periodMonth" ? 7 : 10) : (v ?? null);
    });
    return [Number(r.id), ...profile, ...questions.map((q) => answers[q] ?? null)];
  });
  return { body: await toFile([{ name: `${req.survey} respondents`, header, rows: data }], format), respondents: rows.length, columns: header.length };
}

export async function exportTables(req: Omit<ResultsRequest, "measure" | "by">, format: ExportFormat, options: { targetRows?: readonly TargetRow[] } = {}) {
  checkSurvey(req.survey);
  const { request, reports } = await runResultsTables(req, options);
  const header = ["measure", "breakdown", "category", "category_label", "base", "estimate", "se", "ci95_low", "ci95_high", "treat_with_caution", "suppressed", "significantly_different_from"];
  const rows: Cell[][] = [];
  for (const rep of reports) {
    const { results } = rep;
    const list = results.by ? results.groups : [results.overall];
    const round = (v: number | null | undefined, se = false) => publishedRounding(v ?? null, results.statistic, se);
    for (const e of list) {
      const diff = results.tests.filter((t) => t.significant && (t.a === e.category || t.b === e.category)).map((t) => (t.a === e.category ? t.b : t.a));
      rows.push([
        rep.measure.label,
        results.by ?? "ALL",
        e.category,
        categoryLabel(results.by ?? null, e.category),
        e.base,
        round(e.estimate),
        round(e.se, true),
        round(e.ci95?.[0]),
        round(e.ci95?.[1]),
        e.caution ? "yes" : "no",
        e.suppressed ?? null,
        diff.join("; ") || null,
      ]);
    }
  }
  const d = reports[0]?.results.weights;
  const notes: Cell[][] = [
    ["survey", request.survey], ["from", request.from ?? "all"], ["to", request.to ?? "all"], ["weighting", request.weights],
    ["respondents", reports[0]?.results.respondents ?? 0],
    ["minimum weight", d?.minWeight ?? null], ["maximum weight", d?.maxWeight ?? null], ["Kish design effect", d?.kishDeff ?? null], ["effective sample size", d?.effectiveSampleSize ?? null],
    ["estimates", "proportions 0-1; 95% confidence intervals by linearisation; bases under 100: treat with caution; bases under the minimum suppressed; differences significant at the 95% level"],
    ["rounding", "as published: proportions and their intervals to 3 decimal places (0.1 percentage points), standard errors to 4, means to 2; the JSON twin (/api/results/json) keeps full precision"],
  ];
  return { body: await toFile([{ name: "Tables", header, rows }, { name: "Notes", header: ["item", "value"], rows: notes }], format), tables: reports.length, rows: rows.length };
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

/** The words for a breakdown's category code (a role or contact reason), or the category as it is. */
function categoryLabel(by: string | null, category: string): string {
  if (by === "role" && Object.hasOwn(CLIENT_ROLE_LABELS, category)) return CLIENT_ROLE_LABELS[category as keyof typeof CLIENT_ROLE_LABELS];
  if (by === "contact_reason" && Object.hasOwn(CONTACT_REASON_LABELS, category)) return CONTACT_REASON_LABELS[category as keyof typeof CONTACT_REASON_LABELS];
  return category === "ALL" ? "All respondents" : category;
}
