// Call outcomes an interviewer records, each with its AAPOR disposition
// (fieldwork.md "Call outcomes and scheduling" and "Final dispositions").
// For an outcome that is not final, the code is the case's provisional
// disposition until the next attempt; scheduling lives in schedule.ts.
import { DISPOSITIONS, type DispositionCode, type RateCategory } from "./dispositions";

export const CALL_OUTCOMES = [
  "NO_ANSWER",
  "BUSY",
  "ANSWERING_MACHINE_MESSAGE_LEFT",
  "ANSWERING_MACHINE_NO_MESSAGE",
  "APPOINTMENT_DEFINITE",
  "APPOINTMENT_UNSPECIFIED",
  "SOFT_REFUSAL",
  "HARD_REFUSAL",
  "OPT_OUT",
  "WRONG_NUMBER",
  "DISCONNECTED",
  "FAX_DATA_LINE",
  "BUSINESS",
  "LANGUAGE_PROBLEM",
  "UNABLE_ILL",
  "DECEASED",
  "NOT_ELIGIBLE",
  "INTERVIEW_STARTED_STOPPED",
  "COMPLETE",
  "QUOTA_FULL",
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export interface CallOutcomeDefinition {
  /** What the interviewer reads on the outcome button. */
  label: string;
  /** Ends the case whatever its history (fieldwork.md table). */
  final: boolean;
  /** A person at the number spoke to the interviewer; decides 2.30 vs 3.90 at max attempts. */
  contact: boolean;
  disposition: DispositionCode;
}

// Choices where fieldwork.md leaves the code open (ours):
// - BUSY: 3.13 (no answer); AAPOR's 3.12 "always busy" is not in our list.
// - Appointments: 2.36 (other, eligible) while open: someone agreed to talk.
// - SOFT_REFUSAL: 2.111 (household-level: typically said before the named client
//   is on the line); HARD_REFUSAL and OPT_OUT: 2.112 (the named client refused).
// - WRONG_NUMBER: 3.91 (unknown eligibility, other), not 4.x: the sample names a
//   client of the population, only this number fails to reach them.
// - NOT_ELIGIBLE: 4.70 (no eligible respondent), e.g. not the parent on the record.
export const OUTCOMES: Record<CallOutcome, CallOutcomeDefinition> = {
  NO_ANSWER: { label: "No answer", final: false, contact: false, disposition: "3.13" },
  BUSY: { label: "Busy / engaged", final: false, contact: false, disposition: "3.13" },
  ANSWERING_MACHINE_MESSAGE_LEFT: { label: "Answering machine, message left", final: false, contact: false, disposition: "2.221" },
  ANSWERING_MACHINE_NO_MESSAGE: { label: "Answering machine, no message", final: false, contact: false, disposition: "2.222" },
  APPOINTMENT_DEFINITE: { label: "Appointment at an agreed time", final: false, contact: true, disposition: "2.36" },
  APPOINTMENT_UNSPECIFIED: { label: "Call back later (no time agreed)", final: false, contact: true, disposition: "2.36" },
  SOFT_REFUSAL: { label: "Soft refusal (not now)", final: false, contact: true, disposition: "2.111" },
  HARD_REFUSAL: { label: "Hard refusal", final: true, contact: true, disposition: "2.112" },
  OPT_OUT: { label: "Opt out of all research (do not contact)", final: true, contact: true, disposition: "2.112" },
  WRONG_NUMBER: { label: "Wrong number", final: true, contact: true, disposition: "3.91" },
  DISCONNECTED: { label: "Number disconnected", final: true, contact: false, disposition: "4.32" },
  FAX_DATA_LINE: { label: "Fax or data line", final: true, contact: false, disposition: "4.20" },
  BUSINESS: { label: "Business number", final: true, contact: true, disposition: "4.51" },
  LANGUAGE_PROBLEM: { label: "Language problem", final: true, contact: true, disposition: "2.33" },
  UNABLE_ILL: { label: "Unable to take part (ill or incapable)", final: true, contact: true, disposition: "2.32" },
  DECEASED: { label: "Deceased", final: true, contact: true, disposition: "2.31" },
  NOT_ELIGIBLE: { label: "Not eligible", final: true, contact: true, disposition: "4.70" },
  // Partial (1.2) when the threshold was reached, see dispositionOf.
  INTERVIEW_STARTED_STOPPED: { label: "Interview started, stopped (resume later)", final: false, contact: true, disposition: "2.12" },
  COMPLETE: { label: "Interview complete", final: true, contact: true, disposition: "1.1" },
  QUOTA_FULL: { label: "Quota full, closed politely", final: true, contact: true, disposition: "4.80" },
};

/**
 * The disposition an attempt gives the case. Break-off: 1.2 partial when the
 * partial threshold was reached (overall satisfaction answered), else 2.12
 * (fieldwork.md 1.2 and 2.12).
 */
export function dispositionOf(outcome: CallOutcome, partialThresholdReached = false): DispositionCode {
  if (outcome === "INTERVIEW_STARTED_STOPPED" && partialThresholdReached) return "1.2";
  return OUTCOMES[outcome].disposition;
}

export function rateCategoryOfOutcome(outcome: CallOutcome, partialThresholdReached = false): RateCategory {
  return DISPOSITIONS[dispositionOf(outcome, partialThresholdReached)].category;
}
