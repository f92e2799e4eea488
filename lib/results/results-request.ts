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

/** What a caller asks (loose: the form and the CLI pass strings; the schema checks them). */
export interface ResultsRequest {
  readonly survey: string;
  readonly measure: string;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  readonly weights?: string;
  readonly statistic?: string;
  readonly targetSet?: string;
  readonly minimumBase?: string | number;
}
export type ParsedResultsRequest = z.output<typeof resultsRequestSchema>;

/** The request as a query string (the page's URL, downloads and the JSON twin). */
export function resultsQueryString(r: ResultsRequest): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(r)) if (v !== undefined && v !== null && String(v) !== "") q.set(k, String(v));
  return q.toString();
}

/** A request from URL query parameters (the page's GET form, downloads). */
export function requestFromQuery(q: URLSearchParams): ResultsRequest {
  const get = (k: string) => q.get(k) ?? undefined;
  return {
    survey: get("survey") ?? "",
    measure: get("measure") ?? "",
    from: get("from"),
    to: get("to"),
    by: get("by"),
    weights: get("weights"),
    statistic: get("statistic"),
    targetSet: get("targetSet"),
    minimumBase: get("minimumBase"),
  };
}
