// AAPOR final disposition codes as used by queXS, with AAPOR's partial code, and
// the rate category each counts in (fieldwork.md "Final dispositions").

export const RATE_CATEGORIES = ["I", "P", "R", "NC", "O", "UH", "UO", "NE"] as const;
/** I complete, P partial, R refusal/break-off, NC non-contact, O other eligible, UH/UO unknown eligibility, NE not eligible. */
export type RateCategory = (typeof RATE_CATEGORIES)[number];

export const DISPOSITIONS = {
  "1.1": { category: "I", label: "Complete" },
  "1.2": { category: "P", label: "Partial" },
  "2.111": { category: "R", label: "Refusal, household-level" },
  "2.112": { category: "R", label: "Refusal, known respondent" },
  "2.12": { category: "R", label: "Break-off" },
  "2.20": { category: "NC", label: "Non-contact" },
  "2.221": { category: "NC", label: "Answering machine, message left" },
  "2.222": { category: "NC", label: "Answering machine, no message left" },
  "2.30": { category: "O", label: "Maximum attempts, eligible" },
  "2.31": { category: "O", label: "Deceased" },
  "2.32": { category: "O", label: "Physically or mentally unable" },
  "2.33": { category: "O", label: "Language problem" },
  "2.36": { category: "O", label: "Other, eligible" },
  "3.11": { category: "UH", label: "Not attempted" },
  "3.13": { category: "UH", label: "No answer" },
  "3.14": { category: "UH", label: "Answering machine, unknown eligibility" },
  "3.16": { category: "UH", label: "Technical phone problem" },
  "3.90": { category: "UH", label: "Maximum attempts, unknown eligibility" },
  "3.91": { category: "UO", label: "Unknown eligibility, other" },
  "4.10": { category: "NE", label: "Out of sample" },
  "4.20": { category: "NE", label: "Fax or data line" },
  "4.32": { category: "NE", label: "Disconnected number" },
  "4.51": { category: "NE", label: "Business or organisation" },
  "4.70": { category: "NE", label: "No eligible respondent" },
  "4.80": { category: "NE", label: "Quota filled" },
  // Web (CAWI) codes of fieldwork.md, so one count covers both modes.
  "3.112": { category: "UH", label: "Logged on, answered nothing (web)" },
  "4.8": { category: "NE", label: "Quota filled (web)" },
} as const satisfies Record<string, { category: RateCategory; label: string }>;

export type DispositionCode = keyof typeof DISPOSITIONS;

/** A fresh case's disposition (the SampleCase column default). */
export const NOT_ATTEMPTED: DispositionCode = "3.11";

export function isDispositionCode(code: string): code is DispositionCode {
  return Object.hasOwn(DISPOSITIONS, code);
}

/** "Break-off (2.12)": the words for people, the AAPOR code beside them (issue 18); an unknown code as it is. */
export function dispositionWords(code: string): string {
  return isDispositionCode(code) ? `${DISPOSITIONS[code].label} (${code})` : code;
}

export function rateCategoryOf(code: DispositionCode): RateCategory {
  return DISPOSITIONS[code].category;
}

export type CategoryCounts = Record<RateCategory, number>;

/**
 * Counts by rate category of the cases' dispositions (final or, for cases still
 * open, their current code: rates during fieldwork treat them as they stand).
 * Throws on a code outside the table: a silent drop would bias every rate.
 */
export function countByCategory(codes: Iterable<string>): CategoryCounts {
  const counts: CategoryCounts = { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
  for (const code of codes) {
    if (!isDispositionCode(code)) throw new Error(`Unknown disposition code ${code}`);
    counts[rateCategoryOf(code)] += 1;
  }
  return counts;
}
