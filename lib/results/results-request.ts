// One results request (interchange.md §4 `results`), shared by the CLI flags
// and the results page's GET form, so both ask runResults the same question.
import { z } from "zod";
import { SURVEYS } from "./response-columns";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter a month as YYYY-MM, for example 2015-05");
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const WEIGHTINGS = ["none", "supplied", "design", "poststratify", "rake"] as const;
export type Weighting = (typeof WEIGHTINGS)[number];

export const resultsRequestSchema = z
  .object({
    survey: z.enum(SURVEYS, "Choose a survey"),
    measure: z.string().trim().min(1, "Choose a measure"),
    from: z.preprocess(blankToUndefined, month.optional()),
    to: z.preprocess(blankToUndefined, month.optional()),
    by: z.preprocess(blankToUndefined, z.string().trim().optional()),
    weights: z.preprocess(blankToUndefined, z.enum(WEIGHTINGS, "Choose a weighting method").default("none")),
    statistic: z.preprocess(blankToUndefined, z.enum(["proportion", "mean"]).default("proportion")),
    /** A stored TargetSet (the web page); the CLI passes a file instead. */
    targetSet: z.preprocess(blankToUndefined, z.string().trim().optional()),
    minimumBase: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1000).optional()),
  })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "The end month must not be before the start month", path: ["to"] });

export type ResultsRequest = z.input<typeof resultsRequestSchema>;
export type ParsedResultsRequest = z.output<typeof resultsRequestSchema>;
