import { z } from "zod";

// The settings of real-time feedback (issue 14), one schema for the admin form
// and the server (Setting "feedback.settings", /admin/settings/feedback).

const blankIsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);
const whole = (what: string, min: number, max: number, unit: string) =>
  blankIsMissing(
    z.coerce
      .number({ error: `Enter ${what} as a number` })
      .int(`Enter ${what} as a whole number`)
      .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be at least ${min}${unit ? ` ${unit}` : ""}`)
      .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be at most ${max}${unit ? ` ${unit}` : ""}`),
  );
const clock = (what: string) =>
  blankIsMissing(
    z.string({ error: `Enter ${what} as a time such as 09:00` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `Enter ${what} as a 24-hour time such as 09:00`),
  );

export const feedbackSettingsSchema = z
  .object({
    /** minutes after a contact before its request is sent */
    delayMinutes: whole("the delay", 0, 1440, "minutes"),
    /** a client is asked at most once in this many days */
    frequencyCapDays: whole("the frequency cap", 0, 365, "days"),
    /** a rating at or below this (1-5) opens a follow-up */
    lowRatingThreshold: whole("the low-rating threshold", 1, 4, ""),
    workingDayStart: clock("the start of the working day"),
    workingDayEnd: clock("the end of the working day"),
    /** working days from a follow-up's opening to its due time */
    dueWorkingDays: whole("the working days to follow up", 1, 20, "days"),
  })
  .strict()
  .refine((s) => s.workingDayStart < s.workingDayEnd, { path: ["workingDayEnd"], message: "The end of the working day must be after its start" });

export type FeedbackSettings = z.infer<typeof feedbackSettingsSchema>;
export const FEEDBACK_SETTING_FIELDS = [
  "delayMinutes",
  "frequencyCapDays",
  "lowRatingThreshold",
  "workingDayStart",
  "workingDayEnd",
  "dueWorkingDays",
] as const;

// Ours: 5 minutes ("within minutes"), a client asked at most once in 30 days,
// 1 or 2 of 5 is low (RTCF-1's followUpWhen), 09:00-17:00, two working days.
export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  delayMinutes: 5,
  frequencyCapDays: 30,
  lowRatingThreshold: 2,
  workingDayStart: "09:00",
  workingDayEnd: "17:00",
  dueWorkingDays: 2,
};
