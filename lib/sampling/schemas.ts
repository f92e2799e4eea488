// One zod schema per sampling operation, shared by the forms (zodResolver), the
// server actions and the command line (style.md).

import { z } from "zod";
import { checkboxField, decodedParam } from "@/lib/http/param-schemas";
import { SERVICES } from "./codes";
import { SAMPLE_SURVEYS, SURVEY_DESIGNS } from "./surveys";

export const SURVEY_MODES = ["PHONE", "ONLINE", "MIXED"] as const;
export const ALLOCATIONS = ["proportional", "equal", "minimum", "fixed"] as const;
export type AllocationChoice = (typeof ALLOCATIONS)[number];

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Form fields arrive as text; the CLI and tests pass numbers. Blank = not given. */
const optionalCount = (message: string, min: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim())) : v),
    z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(10_000_000, { error: message }).optional(),
  );

export const drawSampleSchema = z
  .object({
    survey: z.enum(SAMPLE_SURVEYS, { error: "Choose the survey" }),
    /** The monthly surveys (CMS, OPTIONS): the contact month. Ignored for CES. */
    month: z.string().trim().optional(),
    /** CES: the contact quarter, a calendar quarter (lib/sampling/surveys.ts). Ignored for the monthly surveys. */
    quarter: z.string().trim().toUpperCase().optional(),
    /** Blank: the survey's default (CES: MIXED; the monthly surveys: PHONE). */
    mode: z.preprocess((v) => (v === "" ? undefined : v), z.enum(SURVEY_MODES, { error: "Choose how clients will be surveyed" }).optional()),
    allocation: z.enum(ALLOCATIONS, { error: "Choose how to share the sample between strata" }),
    size: optionalCount("Enter the sample size as a whole number of at least 1", 1),
    minimumPerStratum: optionalCount("Enter the minimum per stratum as a whole number of 0 or more", 0),
    /**
     * Fixed sizes, one "stratum,size" per line (the format of `--allocation fixed:FILE`),
     * or already parsed.
     */
    fixedSizes: z.union([z.string(), z.record(z.string(), z.number().int().min(0))]).optional(),
    seed: z.union([z.string().trim().max(100, { error: "The seed must be 100 characters or fewer" }), z.number().int().min(0).max(0xffffffff)]).optional(),
    /** A later draw for a month that already has its sample (excludes clients already sampled). */
    topUp: z.boolean().default(false),
    /** CES: the minimum interview target of every quota cell (blank: the seed's, surveys.ts). */
    minimumInterviews: optionalCount("Enter the minimum interviews per quota cell as a whole number of 0 or more", 0),
  })
  .superRefine((v, ctx) => {
    if (SURVEY_DESIGNS[v.survey].period === "QUARTER") {
      if (!v.quarter) ctx.addIssue({ code: "custom", path: ["quarter"], message: "Enter the contact quarter" });
      else if (!QUARTER.test(v.quarter))
        ctx.addIssue({ code: "custom", path: ["quarter"], message: "Enter the contact quarter as YYYY-Qn, like 2023-Q2 for April to June 2023" });
    } else if (!v.month) {
      ctx.addIssue({ code: "custom", path: ["month"], message: "Enter the contact month" });
    } else if (!MONTH.test(v.month)) {
      ctx.addIssue({ code: "custom", path: ["month"], message: "Enter the contact month as YYYY-MM, like 2015-03" });
    }
    if (v.allocation !== "fixed" && v.size === undefined) {
      ctx.addIssue({ code: "custom", path: ["size"], message: "Enter the sample size" });
    }
    if (v.allocation === "minimum" && v.minimumPerStratum === undefined) {
      ctx.addIssue({ code: "custom", path: ["minimumPerStratum"], message: "Enter the minimum per stratum" });
    }
    if (v.allocation === "fixed") {
      const sizes = v.fixedSizes;
      if (sizes === undefined || (typeof sizes === "string" && sizes.trim() === "")) {
        ctx.addIssue({ code: "custom", path: ["fixedSizes"], message: 'Enter a size for each stratum, one "stratum,size" per line' });
      } else if (typeof sizes === "string") {
        const parsed = parseFixedSizes(sizes);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["fixedSizes"], message: parsed.message });
      }
    }
  })
  .transform(({ month, quarter, mode, minimumInterviews, ...v }) => {
    const design = SURVEY_DESIGNS[v.survey];
    // The survey decides which period field counts (a form keeps the other's value).
    const period =
      design.period === "QUARTER" ? { period: "QUARTER" as const, periodCode: quarter ?? "" } : { period: "MONTH" as const, periodCode: month ?? "" };
    return { ...v, ...period, mode: mode ?? design.defaultMode, minimumInterviews: design.minimumInterviews ? minimumInterviews : undefined };
  });
export type DrawSampleInput = z.input<typeof drawSampleSchema>;
export type DrawSampleRequest = z.output<typeof drawSampleSchema>;

/**
 * Fixed stratum sizes from text: one `stratum,size` per line (a header line
 * `stratum,size` and blank lines are skipped). The stratum is the key shown on
 * the sample page, e.g. `2015-Q1|NEW_APPLICATION|RECEIVING_PARENT`.
 */
export function parseFixedSizes(text: string): { ok: true; sizes: Record<string, number> } | { ok: false; message: string } {
  const sizes: Record<string, number> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || (i === 0 && /^stratum\s*,\s*size$/i.test(line))) continue;
    const m = /^([^,]+),\s*(\d{1,9})$/.exec(line);
    if (!m) return { ok: false, message: `Line ${i + 1} of the fixed sizes should be "stratum,size", like 2015-Q1|ENQUIRY|PAYING_PARENT,40` };
    const stratum = m[1].trim();
    if (Object.hasOwn(sizes, stratum)) return { ok: false, message: `Stratum ${stratum} is given a size twice (line ${i + 1})` };
    sizes[stratum] = Number(m[2]);
  }
  if (Object.keys(sizes).length === 0) return { ok: false, message: "Enter a size for at least one stratum" };
  return { ok: true, sizes };
}

export const doNotContactSchema = z.object({
  service: z.enum(SERVICES, { error: "Choose the service" }),
  clientRef: z
    .string({ error: "Enter the client reference" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "Enter the client reference: 1 to 64 letters, digits, _ or -" }),
  reason: z
    .string({ error: "Enter the reason" })
    .trim()
    .min(1, { error: "Enter the reason" })
    .max(500, { error: "The reason must be 500 characters or fewer" }),
});
export type DoNotContactInput = z.infer<typeof doNotContactSchema>;

export const removeDoNotContactSchema = doNotContactSchema.pick({ service: true, clientRef: true, reason: true });
export type RemoveDoNotContactInput = z.infer<typeof removeDoNotContactSchema>;

export const samplingSettingsSchema = z.object({
  drawRestrictedToSupervisors: checkboxField,
});
export type SamplingSettingsInput = z.infer<typeof samplingSettingsSchema>;

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;
export const FILE_NAME_NOT_READABLE = "The file name is not readable: rename the file and upload it again";

/** The upload's options (the file itself is the request body). */
export const frameUploadSchema = z.object({
  fileName: z.string().trim().min(1, { error: "Choose a CSV file to upload" }).max(1000).regex(PRINTABLE, { error: FILE_NAME_NOT_READABLE }),
  strict: z.boolean().default(false),
});
export type FrameUploadInput = z.input<typeof frameUploadSchema>;

/**
 * The uploaded file's name once %-decoded (the page's upload sends it encoded
 * in X-File-Name): printable text only (a NUL cannot be stored in PostgreSQL
 * text or JSON), trimmed, and not blank.
 */
export const frameFileNameSchema = decodedParam.pipe(
  z
    .string()
    .trim()
    .min(1, { error: "The file name is blank: name the file and upload it again" })
    .max(1000)
    .regex(PRINTABLE, { error: FILE_NAME_NOT_READABLE }),
);
