import { z } from "zod";
import { CONTACT_CHANNELS } from "./contact-schema";

// The managers' page and `feedback report` ask the same question (issue 14).
const isoDate = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${what} must be a date such as 2026-12-04`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), `${what} is not a real date`);

export const feedbackReportSchema = z
  .object({
    from: isoDate("The first day"),
    to: isoDate("The last day"),
    // comment filters
    maxRating: z.coerce.number().int().min(1, "Ratings are 1 to 5").max(5, "Ratings are 1 to 5").optional(),
    channel: z.enum(CONTACT_CHANNELS, { error: "Choose a channel from the list" }).optional(),
    team: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, "A team code is letters, digits, _ and -")
      .optional(),
    search: z.string().trim().max(100, "Search for 100 characters or fewer").optional(),
  })
  .refine((q) => q.from <= q.to, { path: ["to"], message: "The last day must be on or after the first day" });

export type FeedbackReportQuery = z.infer<typeof feedbackReportSchema>;
