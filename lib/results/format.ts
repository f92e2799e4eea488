// How estimates read on the page and in charts: proportions as percentages to
// one decimal place, means to two. The JSON and downloads keep full precision.
import type { Estimate, Statistic } from "@/lib/analysis";

export function formatValue(v: number | null | undefined, statistic: Statistic): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "–";
  return statistic === "proportion" ? `${(v * 100).toFixed(1)}%` : v.toFixed(2);
}

export function formatCi(e: Estimate, statistic: Statistic): string {
  if (!e.ci95) return "–";
  return `${formatValue(e.ci95[0], statistic)} to ${formatValue(e.ci95[1], statistic)}`;
}

/** Chart scale: percentages for proportions. */
export function chartValue(v: number | null, statistic: Statistic): number | null {
  if (v === null) return null;
  return statistic === "proportion" ? Math.round(v * 1000) / 10 : Math.round(v * 100) / 100;
}

export function suppressedText(e: Estimate): string | null {
  if (e.suppressed === "NO_BASE") return "No respondents in the base";
  if (e.suppressed === "BELOW_MINIMUM_BASE") return "Suppressed: base below the minimum";
  return null;
}

/** The respondent profile columns results break down by (methodology.md, Breakdowns), in the order the form, the published tables and the targets list them. */
export const PROFILE_BREAKDOWNS = ["role", "contact_reason", "age_band", "gender", "ethnicity", "health", "service_length", "csa_closure_letter"] as const;

/** Human labels for breakdown columns (methodology.md, Breakdowns). */
export const BREAKDOWN_LABELS: Record<string, string> = {
  role: "Parent type (client role)",
  contact_reason: "Contact type",
  age_band: "Age band",
  gender: "Gender",
  ethnicity: "Ethnicity",
  health: "Long-term health condition",
  service_length: "Length of service use",
  mode: "Interview mode",
  questionnaire_version: "Questionnaire version",
  month: "Month",
  quarter: "Quarter",
  CES_DIGITAL: "Digital propensity",
  csa_closure_letter: "CSA case-closure letter received (Y/N)",
};

export const WEIGHTING_LABELS: Record<string, string> = {
  none: "Unweighted",
  supplied: "Weights supplied with the data",
  design: "Design weights (N_h / r_h by stratum)",
  poststratify: "Cell post-stratification to targets",
  rake: "Raking to population margins",
};
