import { z } from "zod";
import { caseAttributesSchema, modeSchema, SCREEN_ID } from "@/lib/questionnaire";

// One schema per operation, shared by the server actions of the interviewer
// screen and the respondent page. Who recorded an answer comes from the session,
// never from the form.

export const startResponseSchema = z.object({
  versionId: z.string().min(1),
  mode: modeSchema,
  /** the drawn case; its attributes are then read from the frame */
  sampleCaseId: z.uuid().optional(),
  /** without a case (tests, RTCF links): the attributes routing and fills read */
  caseAttributes: caseAttributesSchema.optional(),
});
export type StartResponseInput = z.infer<typeof startResponseSchema>;

export const saveAnswerSchema = z.object({
  responseId: z.uuid(),
  screenId: z.string().regex(SCREEN_ID),
  /** an AnswerValue (lib/questionnaire/answer-value.ts); checked against the screen by checkAnswer */
  value: z.unknown(),
  mode: modeSchema,
  /** the response revision the form was shown at: a change made meanwhile elsewhere is a conflict */
  expectedRevision: z.number().int().min(0).optional(),
});
export type SaveAnswerInput = z.infer<typeof saveAnswerSchema>;

export const responseIdSchema = z.object({ responseId: z.uuid() });
