import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getQuestionnaireVersion, listQuestionnaireVersions } from "@/lib/questionnaire";
import { listMeasures, type MeasureDefinition } from "../measure-catalogue";
import { SURVEYS } from "../response-columns";
import { resultsRequestSchema, type ResultsRequest } from "../results-request";
import type { ResultsReport } from "../report";
import { answeredQuestions } from "./respondent-store";
import { runResults } from "./run-results";
import { listTargetSets } from "./target-sets";

// What the /results page shows for its GET query: the form's choices, and the
// report (or the reason there is none). Expected problems (no respondents, a
// margin with nobody in it, an unknown measure) come back as `error` for the
// page to show next to the form.

export interface SurveyCoverage {
  readonly survey: string;
  readonly respondents: number;
  readonly firstMonth: string | null;
  readonly lastMonth: string | null;
}

export interface ResultsPageData {
  readonly surveys: SurveyCoverage[];
  readonly measures: MeasureDefinition[];
  readonly targetSets: { name: string; variables: string[] }[];
  /** The request as the form should show it (defaults filled in). */
  readonly request: ResultsRequest;
  readonly report: ResultsReport | null;
  readonly error: { field: string; message: string } | null;
}

/** Respondents per survey (counted by the generation triggers) and their first and last period months (from the period index): no scan of the respondents. */
export async function surveyCoverage(): Promise<SurveyCoverage[]> {
  const groups = await db().$queryRaw<{ survey: string; respondents: number; first: Date | null; last: Date | null }[]>`
    SELECT g."survey"::text AS survey, sum(g."respondents")::int AS respondents,
      (SELECT min(r."periodMonth") FROM "SurveyRespondent" r WHERE r."survey" = g."survey") AS first,
      (SELECT max(r."periodMonth") FROM "SurveyRespondent" r WHERE r."survey" = g."survey") AS last
    FROM "RespondentGeneration" g GROUP BY g."survey"`;
  return SURVEYS.map((survey) => {
    const g = groups.find((x) => x.survey === survey);
    return {
      survey,
      respondents: g?.respondents ?? 0,
      firstMonth: g?.first?.toISOString().slice(0, 7) ?? null,
      lastMonth: g?.last?.toISOString().slice(0, 7) ?? null,
    };
  });
}

function overallQuestion(survey: string): string {
  const v = listQuestionnaireVersions().find((x) => x.survey === survey);
  return (v && getQuestionnaireVersion(v.id)?.settings.overallQuestionId) ?? "";
}

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function resultsPageData(query: Query): Promise<ResultsPageData> {
  const [surveys, sets] = await Promise.all([surveyCoverage(), listTargetSets()]);
  const targetSets = sets.map((s) => ({ name: s.name, variables: [...new Set((s.rows as { variable: string }[]).map((r) => r.variable))] }));
  const withData = surveys.find((s) => s.respondents > 0)?.survey ?? "CES";
  const survey = (SURVEYS as readonly string[]).includes(one(query.survey) ?? "") ? one(query.survey)! : withData;
  const from = one(query.from) ?? "";
  const to = one(query.to) ?? "";
  const all = listMeasures(survey);
  const measureAsked = one(query.measure);
  // A measure of another survey (the survey was changed on the form): start from this survey's overall question.
  const measure = measureAsked && (all.some((m) => m.id === measureAsked) || measureAsked.includes("=")) ? measureAsked : overallQuestion(survey);
  const request: ResultsRequest = {
    survey: survey as "CES",
    measure,
    from,
    to,
    by: one(query.by) ?? "",
    weights: one(query.weights) ?? "none",
    statistic: one(query.statistic) ?? "proportion",
    targetSet: one(query.targetSet) ?? "",
    minimumBase: one(query.minimumBase) ?? "",
  };
  const outcome = await reportOrError(request, surveys);
  // After the report: its read brought every question's answers into the respondent store, so the marks read nothing more.
  const measures = await markMeasuresWithoutRespondents(survey, all, from, to);
  return { surveys, measures, targetSets, request, ...outcome };
}

async function reportOrError(request: ResultsRequest, surveys: SurveyCoverage[]): Promise<Pick<ResultsPageData, "report" | "error">> {
  const survey = request.survey;
  if (!surveys.find((s) => s.survey === survey)?.respondents) {
    return { report: null, error: { field: "survey", message: `There are no ${survey} respondents yet. Import a responses file first.` } };
  }
  const parsed = resultsRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { report: null, error: { field: String(issue.path[0] ?? "survey"), message: issue.message } };
  }
  try {
    return { report: await runResults({ request, detail: true }), error: null };
  } catch (error) {
    if (error instanceof AppError) return { report: null, error: { field: error.field ?? "survey", message: error.message } };
    throw error;
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Issue 18: a measure none of the period's respondents answered is marked as
 * such in the list, not offered as if it had data (a question of a version not
 * used in the period, or one asked of nobody). Answered means the question's
 * key is in the respondent's answers; read from the respondent store (the
 * columns the page's report has just read), not by a scan of every respondent's
 * answers on each request.
 */
async function markMeasuresWithoutRespondents(survey: string, measures: MeasureDefinition[], from: string, to: string): Promise<MeasureDefinition[]> {
  if (!(SURVEYS as readonly string[]).includes(survey)) return measures;
  const has = await answeredQuestions({
    survey,
    from: MONTH.test(from) ? from : undefined,
    to: MONTH.test(to) ? to : undefined,
    questions: [...new Set(measures.flatMap((m) => m.questions))],
  });
  return measures.map((m) => (m.questions.some((q) => has.has(q)) ? m : { ...m, label: `${m.label} (no respondents in this period)` }));
}
