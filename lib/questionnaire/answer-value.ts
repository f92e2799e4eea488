import { z } from "zod";

/**
 * One answer as stored per response and screen. Tagged, not a bare string, so
 * that a free-text answer reading "REFUSED" can never be mistaken for a refusal.
 * `seen` marks an information screen as shown (runner.ts: the intro and the
 * confidentiality statement are part of the route, and Back can return to them).
 */
export const answerValueSchema = z.discriminatedUnion("kind", [
  /** single choice and yes/no: an option code */
  z.object({ kind: z.literal("choice"), code: z.string().min(1) }).strict(),
  /** multiple choice: option codes */
  z.object({ kind: z.literal("choices"), codes: z.array(z.string().min(1)) }).strict(),
  /** 1-10 (or 1-5) rating */
  z.object({ kind: z.literal("rating"), value: z.number() }).strict(),
  /** free text */
  z.object({ kind: z.literal("text"), text: z.string() }).strict(),
  /** methodology.md: "Refusal of a question is recorded as such, not as a missing answer." */
  z.object({ kind: z.literal("refused") }).strict(),
  /** an information screen was shown */
  z.object({ kind: z.literal("seen") }).strict(),
]);

export type AnswerValue = z.infer<typeof answerValueSchema>;

/** Answers so far, keyed by screen id (question ids as in questionnaires.md). */
export type Answers = Readonly<Record<string, AnswerValue>>;

export const answersSchema = z.record(z.string(), answerValueSchema);

/** The interchange code for a refusal (interchange.md §2: "REFUSED for any question"). */
export const REFUSED = "REFUSED";
