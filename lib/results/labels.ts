// Words for the codes results are computed in (issue 18: tables, charts, key
// drivers and published tables showed VERY_SATISFIED, RECEIVING_PARENT,
// MAIN_CARE, CMS_CS_INFORMED). Answers and questions take their wording from the
// questionnaire versions; breakdown categories from the interchange code lists.
// Pure: the page, the JSON twin's consumers and the exports share it.
import { CROSS } from "@/lib/analysis";
import { CLIENT_ROLE_LABELS, CONTACT_REASON_LABELS } from "@/lib/interchange/codes";
import { choiceOptions, renderText, type Question } from "@/lib/questionnaire";
import { periodLabel } from "./periods";
import { POSITIVE_SUFFIX } from "./respondent-table";
import { surveyQuestions } from "./response-columns";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Code lists of the respondent columns (interchange.md §1-§2) that no questionnaire words. */
const CODE_LISTS: Record<string, Record<string, string>> = {
  role: CLIENT_ROLE_LABELS,
  contact_reason: Object.fromEntries(Object.entries(CONTACT_REASON_LABELS).map(([k, v]) => [k, capitalise(v)])),
  mode: { PHONE: "Telephone", ONLINE: "Online" },
  gender: { FEMALE: "Female", MALE: "Male", OTHER: "Other", UNKNOWN: "Not known", PREFER_NOT: "Prefer not to say" },
  service_length: { LT1Y: "Less than 1 year", "1-3Y": "1 to 3 years", GT3Y: "More than 3 years" },
  csa_closure_letter: { Y: "Yes", N: "No" },
};

/** Profile columns whose codes are the answers of a CES question (its wording is the label). */
const PROFILE_QUESTIONS: Record<string, string> = { gender: "CES_GENDER", ethnicity: "CES_ETHNICITY", health: "CES_HEALTH" };

const SPECIAL_LABELS: Record<string, string> = {
  DK: "Don't know",
  NA: "Not applicable",
  REFUSED: "Refused",
  PREFER_NOT: "Prefer not to say",
  POSITIVE: "At or above the threshold",
};

const cache = new Map<string, Map<string, Question[]>>();
function questions(survey: string): Map<string, Question[]> {
  let qs = cache.get(survey);
  if (!qs) cache.set(survey, (qs = surveyQuestions(survey)));
  return qs;
}

/** The questionnaire's words for an answer code of a question ("VERY_SATISFIED" -> "Very satisfied"); the code when no version has it. */
export function answerLabel(survey: string, questionId: string, code: string): string {
  for (const q of questions(survey).get(questionId) ?? []) {
    const o = choiceOptions(q).find((x) => x.code === code);
    if (o) return o.label;
  }
  return SPECIAL_LABELS[code] ?? code;
}

/** A question's wording in full, its service filled in; a rating coded at its threshold says so. */
export function questionLabel(survey: string, questionId: string): string {
  const positive = questionId.endsWith(POSITIVE_SUFFIX);
  const id = positive ? questionId.slice(0, -POSITIVE_SUFFIX.length) : questionId;
  const q = questions(survey).get(id)?.[0];
  if (!q) return questionId;
  const text = renderText(q.text, { service: survey === "OPTIONS" ? "OPTIONS" : "CMS" });
  return positive ? `${text} (rated at or above the threshold)` : text;
}

/** One category of one breakdown column (or question id) in words. */
function oneCategory(survey: string, by: string, category: string): string {
  if (by === "month" || by === "quarter") return periodLabel(category, by);
  const list = CODE_LISTS[by];
  if (list && Object.hasOwn(list, category)) return list[category];
  // The profile's codes are the CES questionnaire's answers, whichever survey the respondents are of.
  if (PROFILE_QUESTIONS[by]) return answerLabel("CES", PROFILE_QUESTIONS[by], category);
  if (questions(survey).has(by)) return answerLabel(survey, by, category);
  return SPECIAL_LABELS[category] ?? category;
}

/** A breakdown's category in words ("RECEIVING_PARENT" -> "Receiving parent"); crossed cells joined with ", ". */
export function categoryLabel(survey: string, by: string | null, category: string): string {
  if (!by || category === "ALL") return "All respondents";
  const parts = by.split(CROSS);
  const cells = category.split(CROSS);
  if (parts.length > 1 && parts.length === cells.length) return cells.map((c, i) => oneCategory(survey, parts[i], c)).join(", ");
  return oneCategory(survey, by, category);
}
