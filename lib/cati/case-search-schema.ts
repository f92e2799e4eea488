import { z } from "zod";
import { optionalQuery } from "@/lib/http/params";
import { DISPOSITIONS } from "./dispositions";

/**
 * The supervisor's case search (issue 18), from the page's GET form: any of a
 * client reference, a sample, a disposition and an interviewer who called the
 * case. A malformed value counts as not given (the form offers lists).
 */
export const caseSearchSchema = z.object({
  clientRef: optionalQuery(
    z
      .string()
      .trim()
      .max(64)
      .transform((v) => v || undefined),
  ),
  sampleId: optionalQuery(z.uuid()),
  disposition: optionalQuery(z.enum(Object.keys(DISPOSITIONS) as [keyof typeof DISPOSITIONS, ...(keyof typeof DISPOSITIONS)[]])),
  interviewerId: optionalQuery(z.uuid()),
  page: optionalQuery(z.coerce.number().int().min(1).max(10_000)),
});
export type CaseSearch = z.output<typeof caseSearchSchema>;
