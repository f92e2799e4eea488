import { z } from "zod";

// Service recovery rules (issue 14; questionnaires.md "Real Time Customer
// Feedback"): a rating at or below the threshold (a setting; RTCF-1's
// followUpWhen says 1 or 2 of 5) or a request to be called back opens a follow-up.

export function followUpReasons({
  rating,
  callBack,
  threshold,
}: {
  rating: number;
  callBack: boolean;
  threshold: number;
}): { lowRating: boolean; callBackAsked: boolean } | null {
  const lowRating = rating <= threshold;
  return lowRating || callBack ? { lowRating, callBackAsked: callBack } : null;
}

export const ATTEMPT_OUTCOMES = ["REACHED", "NO_ANSWER", "LEFT_MESSAGE", "WRONG_NUMBER"] as const;
export const ATTEMPT_OUTCOME_LABELS: Record<(typeof ATTEMPT_OUTCOMES)[number], string> = {
  REACHED: "Spoke to the client",
  NO_ANSWER: "No answer",
  LEFT_MESSAGE: "Left a message",
  WRONG_NUMBER: "Wrong number",
};
export const RESOLUTIONS = ["RESOLVED", "COULD_NOT_RESOLVE", "COULD_NOT_REACH"] as const;
export const RESOLUTION_LABELS: Record<(typeof RESOLUTIONS)[number], string> = {
  RESOLVED: "Resolved",
  COULD_NOT_RESOLVE: "Could not resolve",
  COULD_NOT_REACH: "Could not reach the client",
};

const id = z.uuid("The follow-up's id is not valid");
const optionalNote = z.string().trim().max(2000, "The note must be 2,000 characters or fewer").optional();
const requiredNote = z
  .string({ error: "Enter a note saying what was done" })
  .trim()
  .min(1, "Enter a note saying what was done")
  .max(2000, "The note must be 2,000 characters or fewer");

export const followUpIdSchema = z.object({ followUpId: id });
export const recordAttemptSchema = z.object({
  followUpId: id,
  outcome: z.enum(ATTEMPT_OUTCOMES, { error: "Choose what happened" }),
  note: optionalNote,
});
export const closeFollowUpSchema = z.object({
  followUpId: id,
  resolution: z.enum(RESOLUTIONS, { error: "Choose how the follow-up ended" }),
  note: requiredNote,
});

/** The respondent's answers to RTCF-1 on one page (lib/questionnaire/versions/rtcf-1.ts). */
export const feedbackAnswerSchema = z.object({
  rating: z.coerce
    .number({ error: "Choose a rating from 1 to 5" })
    .int("Choose a rating from 1 to 5")
    .min(1, "Choose a rating from 1 to 5")
    .max(5, "Choose a rating from 1 to 5"),
  comment: z.string().trim().max(1000, "Your comments must be 1,000 characters or fewer").optional(),
  callBack: z.enum(["YES", "NO"], { error: "Choose yes if you would like a colleague to contact you, or no" }),
});
