import type { Metadata } from "next";

/** Respondents' page titles name the survey, not the staff application. */
export function surveyTitle(title: string): Metadata {
  return { title: { absolute: `${title} – Child Maintenance customer survey` } };
}
