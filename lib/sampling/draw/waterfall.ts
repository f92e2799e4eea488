// The exclusion waterfall of a monthly draw (methodology.md, Sampling): rules
// applied in this order, each counting only the clients that no earlier rule
// has excluded, so the steps add up: population - sum(excluded) = eligible.

export const EXCLUSION_RULES = [
  "NON_ENGLISH_SPEAKER",
  "POTENTIALLY_VIOLENT",
  "NO_RESEARCH_CONSENT",
  "NOT_CONTACTABLE",
  "SURVEYED_IN_LAST_SIX_MONTHS",
  "DO_NOT_CONTACT", // ours, not the seed's: the do-not-contact register
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export const EXCLUSION_RULE_LABELS: Record<ExclusionRule, string> = {
  NON_ENGLISH_SPEAKER: "Non-English speaker",
  POTENTIALLY_VIOLENT: "Potentially violent (PV marker)",
  NO_RESEARCH_CONSENT: "No permission to be contacted for research",
  NOT_CONTACTABLE: "No contact details for the survey mode",
  SURVEYED_IN_LAST_SIX_MONTHS: "Sampled for a survey in the last six months",
  DO_NOT_CONTACT: "On the do-not-contact register",
};

export type SurveyMode = "PHONE" | "ONLINE" | "MIXED";

/** What the waterfall needs to know about a client in the month's population. */
export interface WaterfallClient {
  englishSpeaking: boolean;
  potentiallyViolent: boolean;
  researchConsent: boolean;
  hasAddress: boolean;
  phone: string | null;
  email: string | null;
  /** Any earlier sample case of this client selected within six months before the draw (worked out by the caller). */
  surveyedRecently: boolean;
  /** On the register (the frame's do_not_contact flag or a register entry; the caller merges them). */
  doNotContact: boolean;
}

/**
 * methodology.md rule 4 and our reading of it per mode:
 * - PHONE: needs a phone number;
 * - ONLINE: needs an email or a postal address (an invitation letter carries the link);
 * - MIXED: online or phone, so excluded only with no phone, no email and no address.
 */
export function isContactable(c: Pick<WaterfallClient, "phone" | "email" | "hasAddress">, mode: SurveyMode): boolean {
  const phone = c.phone !== null && c.phone !== "";
  const online = (c.email !== null && c.email !== "") || c.hasAddress;
  return mode === "PHONE" ? phone : mode === "ONLINE" ? online : phone || online;
}

/** The first rule that excludes the client, or null when the client is eligible. */
export function exclusionOf(c: WaterfallClient, mode: SurveyMode): ExclusionRule | null {
  if (!c.englishSpeaking) return "NON_ENGLISH_SPEAKER";
  if (c.potentiallyViolent) return "POTENTIALLY_VIOLENT";
  if (!c.researchConsent) return "NO_RESEARCH_CONSENT";
  if (!isContactable(c, mode)) return "NOT_CONTACTABLE";
  if (c.surveyedRecently) return "SURVEYED_IN_LAST_SIX_MONTHS";
  if (c.doNotContact) return "DO_NOT_CONTACT";
  return null;
}

export interface WaterfallStep {
  rule: "POPULATION" | ExclusionRule;
  excluded: number;
  remaining: number;
}

export interface Waterfall {
  population: number;
  eligible: number;
  /** interchange.md §4 `waterfall`: the population first, then each rule in order. */
  steps: WaterfallStep[];
}

/** The waterfall from counts of clients by the first rule that excluded them (e.g. from SQL). */
export function waterfallFromCounts(population: number, excludedBy: Partial<Record<ExclusionRule, number>>): Waterfall {
  const steps: WaterfallStep[] = [{ rule: "POPULATION", excluded: 0, remaining: population }];
  let remaining = population;
  for (const rule of EXCLUSION_RULES) {
    const excluded = excludedBy[rule] ?? 0;
    remaining -= excluded;
    if (excluded < 0 || remaining < 0) throw new Error(`waterfall counts do not add up at ${rule}`);
    steps.push({ rule, excluded, remaining });
  }
  return { population, eligible: remaining, steps };
}

/** The waterfall of a population held in memory. */
export function buildWaterfall(clients: Iterable<WaterfallClient>, mode: SurveyMode): Waterfall {
  const excludedBy: Partial<Record<ExclusionRule, number>> = {};
  let population = 0;
  for (const c of clients) {
    population++;
    const rule = exclusionOf(c, mode);
    if (rule !== null) excludedBy[rule] = (excludedBy[rule] ?? 0) + 1;
  }
  return waterfallFromCounts(population, excludedBy);
}
