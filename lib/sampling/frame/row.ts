// One row of the sampling frame (interchange.md §1): the documented shape.
//
// `frameRowSchema` is the contract written in zod. The importer runs the
// hand-written `validateFrameRecord` (validate.ts) instead, because zod
// per row is several times slower at 2.5 million rows; validate.test.ts
// checks the two agree on a generated corpus, so change them together.

import { z } from "zod";
import { AGE_BANDS, CONTACT_REASONS, GENDERS, PAYMENT_METHODS, ROLES_BY_SERVICE, SERVICES } from "../codes";
import { CLIENT_REF_PATTERN, isEmail, isName, isRealDate, msg, normalisePhone } from "./field-rules";

/** CSV column name -> property of the normalised row. */
export const FRAME_COLUMNS = {
  client_ref: "clientRef",
  service: "service",
  role: "role",
  contact_reason: "contactReason",
  contact_date: "contactDate",
  english_speaking: "englishSpeaking",
  potentially_violent: "potentiallyViolent",
  research_consent: "researchConsent",
  has_address: "hasAddress",
  phone: "phone",
  email: "email",
  do_not_contact: "doNotContact",
  age_band: "ageBand",
  gender: "gender",
  service_start_date: "serviceStartDate",
  payment_method: "paymentMethod",
  csa_closure_letter: "csaClosureLetter",
  // issue 18: who the interviewer asks for (personal: shown only to the
  // interviewer holding the case, never in exports, logs or error messages)
  title: "title",
  first_name: "firstName",
  last_name: "lastName",
} as const;
export type FrameColumn = keyof typeof FRAME_COLUMNS;

/**
 * The order of a row's values in COPY text (copy.ts, fast.ts): FrameClient's
 * unique key (service, client_ref) first, then the others as FRAME_COLUMNS lists them.
 */
export const COPY_COLUMNS: readonly FrameColumn[] = [
  "service",
  "client_ref",
  ...(Object.keys(FRAME_COLUMNS) as FrameColumn[]).filter((c) => c !== "service" && c !== "client_ref"),
];

export const REQUIRED_COLUMNS = [
  "client_ref",
  "service",
  "role",
  "contact_reason",
  "contact_date",
  "english_speaking",
  "potentially_violent",
  "research_consent",
  "has_address",
] as const satisfies readonly FrameColumn[];

export { EXTRA_COLUMN_PREFIX } from "./field-rules";

// Values are trimmed before checking: spreadsheet exports pad cells.
const present = (col: string) =>
  z
    .string({ error: msg.required(col) })
    .trim()
    .min(1, { error: msg.required(col), abort: true });

const code = <const T extends readonly [string, ...string[]]>(col: string, values: T) =>
  present(col).pipe(z.enum(values, { error: (iss) => msg.code(col, String(iss.input), values) }));

const flag = (col: string) =>
  present(col)
    .refine((v) => v === "Y" || v === "N", { error: (iss) => msg.flag(col, String(iss.input)) })
    .transform((v) => v === "Y");

const date = (col: string) => present(col).refine(isRealDate, { error: (iss) => msg.date(col, String(iss.input)) });

/** An optional cell: missing column or empty cell -> null. */
const optional = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === undefined || v === "" ? null : v))
    .pipe(inner.nullable());

const fields = {
  client_ref: present("client_ref").regex(CLIENT_REF_PATTERN, {
    error: (iss) => msg.clientRef("client_ref", String(iss.input)),
  }),
  contact_reason: code("contact_reason", CONTACT_REASONS),
  contact_date: date("contact_date"),
  english_speaking: flag("english_speaking"),
  potentially_violent: flag("potentially_violent"),
  research_consent: flag("research_consent"),
  has_address: flag("has_address"),
  phone: optional(
    z.string().transform((v, ctx) => {
      const e164 = normalisePhone(v);
      if (e164 === null) ctx.addIssue({ code: "custom", message: msg.phone("phone", v), input: v });
      return e164 ?? "";
    }),
  ),
  email: optional(z.string().refine(isEmail, { error: (iss) => msg.email("email", String(iss.input)) })),
  // interchange.md §1: do_not_contact defaults to N.
  do_not_contact: optional(flag("do_not_contact")).transform((v) => v ?? false),
  age_band: optional(code("age_band", AGE_BANDS)),
  gender: optional(code("gender", GENDERS)),
  service_start_date: optional(date("service_start_date")),
  payment_method: optional(code("payment_method", PAYMENT_METHODS)),
  csa_closure_letter: optional(flag("csa_closure_letter")),
  title: optional(z.string().refine(isName, { error: (iss) => msg.name("title", String(iss.input)) })),
  first_name: optional(z.string().refine(isName, { error: (iss) => msg.name("first_name", String(iss.input)) })),
  last_name: optional(z.string().refine(isName, { error: (iss) => msg.name("last_name", String(iss.input)) })),
};

// The service decides which roles are valid (interchange.md §1), so the row is a
// union on `service`.
const roleFor = <const T extends readonly [string, ...string[]]>(service: string, roles: T) =>
  present("role").pipe(z.enum(roles, { error: (iss) => msg.roleForService(String(iss.input), service, roles) }));

const cmsRow = z.object({
  ...fields,
  service: z.literal("CMS"),
  role: roleFor("CMS", ROLES_BY_SERVICE.CMS),
});
const optionsRow = z.object({
  ...fields,
  service: z.literal("OPTIONS"),
  role: roleFor("OPTIONS", ROLES_BY_SERVICE.OPTIONS),
});

/** Input: the cells of one CSV row keyed by column name. Output: a FrameRow. */
export const frameRowSchema = z
  .preprocess(
    (input) => {
      // Trim `service` before the union looks at it, as for every other cell.
      if (typeof input !== "object" || input === null) return input;
      const service = (input as Record<string, unknown>).service;
      return typeof service === "string" ? { ...input, service: service.trim() } : input;
    },
    z.discriminatedUnion("service", [cmsRow, optionsRow], {
      error: (iss) => {
        if (iss.code !== "invalid_union") return undefined;
        const service = (iss.input as { service?: unknown } | undefined)?.service;
        return typeof service === "string" && service !== "" ? msg.code("service", service, SERVICES) : msg.required("service");
      },
    }),
  )
  .transform((r): FrameRow => ({
    clientRef: r.client_ref,
    service: r.service,
    role: r.role,
    contactReason: r.contact_reason,
    contactDate: r.contact_date,
    englishSpeaking: r.english_speaking,
    potentiallyViolent: r.potentially_violent,
    researchConsent: r.research_consent,
    hasAddress: r.has_address,
    phone: r.phone,
    email: r.email,
    doNotContact: r.do_not_contact,
    ageBand: r.age_band,
    gender: r.gender,
    serviceStartDate: r.service_start_date,
    paymentMethod: r.payment_method,
    csaClosureLetter: r.csa_closure_letter,
    title: r.title,
    firstName: r.first_name,
    lastName: r.last_name,
  }));

/** A valid, normalised frame row: phone in E.164, flags as booleans, absent optionals null. */
export interface FrameRow {
  clientRef: string;
  service: (typeof SERVICES)[number];
  role: (typeof ROLES_BY_SERVICE)["CMS" | "OPTIONS"][number];
  contactReason: (typeof CONTACT_REASONS)[number];
  /** YYYY-MM-DD */
  contactDate: string;
  englishSpeaking: boolean;
  potentiallyViolent: boolean;
  researchConsent: boolean;
  hasAddress: boolean;
  /** E.164, e.g. +447700900123 */
  phone: string | null;
  email: string | null;
  doNotContact: boolean;
  ageBand: (typeof AGE_BANDS)[number] | null;
  gender: (typeof GENDERS)[number] | null;
  /** YYYY-MM-DD */
  serviceStartDate: string | null;
  paymentMethod: (typeof PAYMENT_METHODS)[number] | null;
  csaClosureLetter: boolean | null;
  /** Personal (issue 18): shown only to the interviewer holding the case. */
  title: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** One rejected row, or a problem with the file: interchange.md §4 `errors` items. */
export interface FrameError {
  /** Line in the file; the header is line 1. */
  line: number;
  /** CSV column name, or null when the problem is the whole row or file. */
  column: string | null;
  message: string;
  /** The last line of a rejected row that covers more lines than its first (a row over the record limit). */
  lastLine?: number;
}
