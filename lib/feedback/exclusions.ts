// Who is not asked for feedback (issue 14), in the order the sample draw's
// waterfall uses (methodology.md "Sampling"): each contact is counted against the
// first rule it fails, so the counts add up to the contacts decided.

export const EXCLUSION_RULES = [
  "NOT_IN_FRAME",
  "NOT_ENGLISH_SPEAKING",
  "POTENTIALLY_VIOLENT",
  "NO_RESEARCH_CONSENT",
  "DO_NOT_CONTACT",
  "NO_CONTACT_DETAILS",
  "ASKED_RECENTLY",
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export const EXCLUSION_LABELS: Record<ExclusionRule, string> = {
  NOT_IN_FRAME: "Client not in the sampling frame (nothing known of consent or contact details)",
  NOT_ENGLISH_SPEAKING: "Not English speaking",
  POTENTIALLY_VIOLENT: "Potentially violent",
  NO_RESEARCH_CONSENT: "No permission to be contacted for research",
  DO_NOT_CONTACT: "Do not contact (register or frame flag)",
  NO_CONTACT_DETAILS: "No email address or mobile number",
  ASKED_RECENTLY: "Already asked within the frequency cap",
};

/** What the request job knows of a contact's client (the frame row, the register, earlier requests). */
export interface ContactClient {
  inFrame: boolean;
  englishSpeaking: boolean;
  potentiallyViolent: boolean;
  researchConsent: boolean;
  doNotContact: boolean;
  email: string | null;
  /** a UK mobile (a text needs one) */
  mobile: string | null;
  askedRecently: boolean;
}

export function firstExclusion(c: ContactClient): ExclusionRule | null {
  if (!c.inFrame) return "NOT_IN_FRAME";
  if (!c.englishSpeaking) return "NOT_ENGLISH_SPEAKING";
  if (c.potentiallyViolent) return "POTENTIALLY_VIOLENT";
  if (!c.researchConsent) return "NO_RESEARCH_CONSENT";
  if (c.doNotContact) return "DO_NOT_CONTACT";
  if (!c.email && !c.mobile) return "NO_CONTACT_DETAILS";
  if (c.askedRecently) return "ASKED_RECENTLY";
  return null;
}

/** The waterfall: contacts decided, then each rule's exclusions and what remains, then those asked. */
export function exclusionWaterfall(
  decided: number,
  counts: Partial<Record<ExclusionRule, number>>,
): { rule: ExclusionRule; label: string; excluded: number; remaining: number }[] {
  let remaining = decided;
  return EXCLUSION_RULES.map((rule) => {
    const excluded = counts[rule] ?? 0;
    remaining -= excluded;
    return { rule, label: EXCLUSION_LABELS[rule], excluded, remaining };
  });
}
