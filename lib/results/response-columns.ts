// The columns of a responses file (interchange.md §2) and the codes each takes.
import { AGE_BANDS } from "@/lib/interchange/codes";
import { isQuestion, listQuestionnaireVersions, type Question } from "@/lib/questionnaire";

export const SURVEYS = ["CMS", "OPTIONS", "CES"] as const;
export type SurveyCode = (typeof SURVEYS)[number];

export const REQUIRED_COLUMNS = ["respondent_ref", "survey", "questionnaire_version", "interview_date", "mode", "role", "contact_reason"] as const;

/** Profile columns with the codes they accept (null = free text up to 40 characters). */
export const PROFILE_COLUMNS = {
  age_band: AGE_BANDS,
  // As the frame (interchange.md §1), plus the CES questionnaire's own answers.
  gender: ["FEMALE", "MALE", "OTHER", "UNKNOWN", "PREFER_NOT"],
  ethnicity: ["ASIAN", "BLACK", "MIXED", "WHITE", "OTHER", "PREFER_NOT", "DK"],
  health: ["PHYSICAL", "MENTAL", "BOTH", "NONE", "PREFER_NOT"],
  service_length: ["LT1Y", "1-3Y", "GT3Y"],
  // A frame flag (interchange.md §1): the client received a CSA case-closure letter.
  csa_closure_letter: ["Y", "N"],
} as const satisfies Record<string, readonly string[]>;
export type ProfileColumn = keyof typeof PROFILE_COLUMNS;
export const PROFILE_NAMES = Object.keys(PROFILE_COLUMNS) as ProfileColumn[];

export const MODES = ["PHONE", "ONLINE"] as const;
// As the frame (interchange.md §1; prisma enums ClientRole, ContactReason).
export { CLIENT_ROLE_CODES as ROLES, CONTACT_REASONS } from "@/lib/interchange/codes";

export const WEIGHT_COLUMN = "weight";
/** Columns a file may add for its own use; kept, never interpreted. */
export const EXTRA_PREFIX = "x_";

/** Every question id of every known version of a survey (or of all surveys). */
export function surveyQuestions(survey?: string): Map<string, Question[]> {
  const out = new Map<string, Question[]>();
  for (const v of listQuestionnaireVersions()) {
    if (survey && v.survey !== survey) continue;
    for (const s of v.screens) {
      if (!isQuestion(s)) continue;
      const list = out.get(s.id) ?? [];
      list.push(s);
      out.set(s.id, list);
    }
  }
  return out;
}
