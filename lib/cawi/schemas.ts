import { z } from "zod";
import { CHANNELS } from "./channel";

// One schema per operation, shared by the command line, the forms and the server actions.

export const sendInvitationsSchema = z.object({
  sampleId: z.uuid("Give the sample's id"),
  channel: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(CHANNELS, "Channel must be email, sms or letter"))
    .optional(),
});
export type SendInvitationsInput = z.infer<typeof sendInvitationsSchema>;

export const accessCodeSchema = z.object({
  accessCode: z.string().trim().min(1, "Enter the access code from your letter").max(40, "Access codes are 12 letters and numbers, like ABCD-EFGH-JKMN"),
});

export const answerPostSchema = z.object({
  screenId: z.string().min(1).max(100),
  expectedRevision: z.coerce.number().int().min(0).optional(),
  intent: z.enum(["continue", "save"]).default("continue"),
});

export const withdrawSchema = z.object({
  doNotContact: z.enum(["yes"]).optional(),
});

export const outboxListSchema = z.object({ sampleId: z.uuid("Give the sample's id").optional() });

export const letterBatchSchema = outboxListSchema.extend({ out: z.string().min(1, "Give the file to write the letter batch to (--out FILE)") });
