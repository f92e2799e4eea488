// One zod schema per quota operation (fieldwork.md "Quotas"), shared by the
// supervisor's forms and the server actions. Form fields arrive as text.
import { z } from "zod";
import { checkboxField } from "@/lib/http/param-schemas";

const wholeNumber = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}` })
    .regex(/^\d+$/, { error: `${what[0].toUpperCase()}${what.slice(1)} must be a whole number, like 120` })
    .transform(Number)
    .pipe(z.number().max(max, { error: `${what[0].toUpperCase()}${what.slice(1)} must be ${max.toLocaleString("en-GB")} or less` }));

export const quotaSetUpSchema = z.object({
  sampleId: z.uuid({ error: "Choose a sample" }),
  total: wholeNumber("the total target of completed interviews", 1_000_000).pipe(z.number().min(1, { error: "The total target must be at least 1" })),
  method: z.enum(["proportional", "equal"], { error: "Choose how to spread the target over the cells" }),
  /** A checkbox: present ("on") when ticked. */
  countsPartials: checkboxField,
});
export type QuotaSetUpInput = z.output<typeof quotaSetUpSchema>;

export const quotaTargetSchema = z.object({
  cellId: z.string().regex(/^\d{1,18}$/, { error: "Unknown quota cell" }),
  target: wholeNumber("a target", 1_000_000),
});
export type QuotaTargetInput = z.output<typeof quotaTargetSchema>;

export const quotaCellActionSchema = z.object({
  cellId: z.string().regex(/^\d{1,18}$/, { error: "Unknown quota cell" }),
  action: z.enum(["close", "reopen"]),
});
export type QuotaCellActionInput = z.output<typeof quotaCellActionSchema>;
