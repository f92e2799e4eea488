// Which measures a survey offers (methodology.md, Measures), from its
// questionnaire versions rather than a hand-kept list:
//  - every single-choice or yes/no question with positive codes: share positive
//    over valid answers (Don't know, Not applicable and refusals excluded);
//  - every 1-10 rating: share at or above the version's positiveRatingThreshold,
//    or its mean (--statistic mean);
//  - CMS_CS: CMS Client Service, agreement combined over the CMS_CS_* statements;
//  - OPT_CS: Options Client Service over the six OPT_CS_* ratings;
//  - QUESTION=CODE: the share of one answer of any single-choice question (its distribution).
import { AppError } from "@/lib/errors";
import type { MeasureSpec } from "@/lib/analysis";
import { isQuestion, listQuestionnaireVersions, renderText, type Question } from "@/lib/questionnaire";
import { describeCondition } from "@/lib/questionnaire/condition-words";
import { positiveThreshold } from "./respondent-table";
import { surveyQuestions } from "./response-columns";

export interface MeasureDefinition {
  readonly id: string;
  readonly label: string;
  readonly questions: readonly string[];
  /** Routed: asked only of some respondents (the base says who). */
  readonly askedOf: string | null;
  readonly statistics: readonly ("proportion" | "mean")[];
  /** The question in full, as the questionnaire words it (issue 18: headlines were cut off). */
  readonly text?: string;
}

export const COMPOSITES: Record<string, { survey: string; prefix: string; label: string }> = {
  CMS_CS: { survey: "CMS", prefix: "CMS_CS_", label: "CMS Client Service (agreement over the client-service statements)" },
  OPT_CS: { survey: "OPTIONS", prefix: "OPT_CS_", label: "Options Client Service (over the six agent ratings)" },
};

const SPECIAL_EXCLUDED = new Set(["DONT_KNOW", "NOT_APPLICABLE", "REFUSED"]);

function excludedCodes(qs: readonly Question[]): string[] {
  const out = new Set<string>(["REFUSED"]);
  for (const q of qs) if (q.kind === "single") for (const o of q.options) if (o.special && SPECIAL_EXCLUDED.has(o.special)) out.add(o.code);
  return [...out];
}

function positiveCodes(qs: readonly Question[]): string[] | null {
  for (const q of qs) {
    if ((q.kind === "single" || q.kind === "yesNo") && q.positiveCodes) return [...q.positiveCodes];
  }
  return qs[0]?.kind === "yesNo" ? ["YES"] : null;
}

/** The question's whole wording, its service filled in (other fills show their bracket text). */
function fullText(q: Question, survey: string): string {
  return renderText(q.text, { service: survey === "OPTIONS" ? "OPTIONS" : "CMS" });
}

function shortText(q: Question): string {
  const t = q.text.replace(/\{\{[^}]+\}\}/g, "…");
  return t.length > 90 ? `${t.slice(0, 88)}…` : t;
}

/** Who was asked each routed question, in plain English, per version (questionnaire routing). */
function routing(survey: string): Map<string, string> {
  const out = new Map<string, string[]>();
  for (const v of listQuestionnaireVersions()) {
    if (v.survey !== survey) continue;
    for (const s of v.screens) {
      if (!isQuestion(s) || !s.askedOf) continue;
      const list = out.get(s.id) ?? [];
      list.push(`${describeCondition(s.askedOf, v)} (${v.id})`);
      out.set(s.id, list);
    }
  }
  return new Map([...out].map(([k, v]) => [k, v.join("; ")]));
}

export function listMeasures(survey: string): MeasureDefinition[] {
  const out: MeasureDefinition[] = [];
  const qs = surveyQuestions(survey);
  const routes = routing(survey);
  for (const [id, defs] of qs) {
    const q = defs[0];
    const routed = routes.get(id) ?? null;
    if ((q.kind === "single" || q.kind === "yesNo") && positiveCodes(defs)) {
      out.push({ id, label: `${id}: ${shortText(q)}`, questions: [id], askedOf: routed, statistics: ["proportion"], text: fullText(q, survey) });
    } else if (q.kind === "rating") {
      out.push({ id, label: `${id}: ${shortText(q)}`, questions: [id], askedOf: routed, statistics: ["proportion", "mean"], text: fullText(q, survey) });
    }
  }
  for (const [id, c] of Object.entries(COMPOSITES)) {
    if (c.survey !== survey) continue;
    const questions = [...qs.keys()].filter((k) => k.startsWith(c.prefix));
    const rating = qs.get(questions[0])?.[0].kind === "rating";
    out.unshift({ id, label: `${id}: ${c.label}`, questions, askedOf: null, statistics: rating ? ["proportion", "mean"] : ["proportion"] });
  }
  // The overall satisfaction question first.
  return out.sort((a, b) => Number(b.id.endsWith("_SAT")) - Number(a.id.endsWith("_SAT")));
}

export interface ResolvedMeasure {
  readonly definition: MeasureDefinition;
  readonly spec: MeasureSpec;
}

/** The measure spec for an id (or QUESTION=CODE), with the statistic asked for. */
export function resolveMeasure(survey: string, id: string, statistic: "proportion" | "mean", versions: readonly string[]): ResolvedMeasure {
  const qs = surveyQuestions(survey);
  const unknown = () => new AppError("UNKNOWN_MEASURE", `${survey} has no measure ${id}: use a question id, CMS_CS, OPT_CS, or QUESTION=CODE`, "measure");
  const eq = id.indexOf("=");
  if (eq > 0) {
    const qid = id.slice(0, eq);
    const code = id.slice(eq + 1);
    const defs = qs.get(qid);
    if (!defs || (defs[0].kind !== "single" && defs[0].kind !== "yesNo")) throw unknown();
    const excluded = excludedCodes(defs).filter((c) => c !== code);
    const definition: MeasureDefinition = { id, label: `${qid} answered ${code}`, questions: [qid], askedOf: null, statistics: ["proportion"] };
    if (statistic === "mean") throw new AppError("WRONG_STATISTIC", "A mean needs a 1-10 rating measure", "statistic");
    return { definition, spec: { kind: "share", questions: [qid], positive: [code], excluded } };
  }
  const definition = listMeasures(survey).find((m) => m.id === id);
  if (!definition) throw unknown();
  if (!definition.statistics.includes(statistic))
    throw new AppError("WRONG_STATISTIC", `${id} has no ${statistic}: a mean needs a 1-10 rating measure`, "statistic");
  const defs = definition.questions.flatMap((q) => qs.get(q) ?? []);
  if (defs[0].kind === "rating") {
    if (statistic === "mean") return { definition, spec: { kind: "ratingMean", questions: definition.questions } };
    const threshold = positiveThreshold(survey, versions) ?? positiveThreshold(survey, listVersionsOf(survey));
    if (threshold === undefined)
      throw new AppError("NO_THRESHOLD", `The questionnaire of ${survey} sets no positive rating threshold; ask for --statistic mean`, "statistic");
    return { definition, spec: { kind: "ratingShare", questions: definition.questions, threshold } };
  }
  return { definition, spec: { kind: "share", questions: definition.questions, positive: positiveCodes(defs) ?? [], excluded: excludedCodes(defs) } };
}

function listVersionsOf(survey: string): string[] {
  return listQuestionnaireVersions()
    .filter((v) => v.survey === survey)
    .map((v) => v.id);
}
