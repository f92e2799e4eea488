// One zod schema per telephone-fieldwork operation, shared by the forms and the
// server actions (style.md). Form fields arrive as text.
import { z } from "zod";
import { optionalQuery } from "@/lib/http/param-schemas";
import { isoDate } from "./bank-holidays";
import { ukInstant } from "./calendar";
import { SCREEN_ID } from "@/lib/questionnaire";
import { CALL_OUTCOMES } from "./outcomes";

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

export const takeNextCaseSchema = z.object({
  /** Work one sample only; blank = any sample. */
  sampleId: z.preprocess(blankToNull, z.uuid({ error: "Choose a sample from the list" }).nullable()),
});

export const caseIdSchema = z.object({ caseId: z.uuid() });

/** Outcomes an interviewer records on the case screen; a complete is recorded by finishing the interview. */
export const MANUAL_OUTCOMES = CALL_OUTCOMES.filter((o) => o !== "COMPLETE");

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/;

const appointmentFields = {
  appointmentDay: z.string().trim().optional(),
  appointmentMonth: z.string().trim().optional(),
  appointmentYear: z.string().trim().optional(),
  appointmentTime: z.string().trim().optional(),
};
type AppointmentFields = { appointmentDay?: string; appointmentMonth?: string; appointmentYear?: string; appointmentTime?: string };

/** The date and time fields (UK time) as an instant, or an issue on the field that is wrong. */
function appointmentFrom(v: AppointmentFields, ctx: z.RefinementCtx): Date | typeof z.NEVER {
  const [d, m, y] = [v.appointmentDay, v.appointmentMonth, v.appointmentYear].map((s) => (s && /^\d+$/.test(s) ? Number(s) : NaN));
  const real = y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!real) {
    ctx.addIssue({ code: "custom", path: ["appointmentAt"], message: "Enter the appointment date as a real date, for example 27 11 2026" });
    return z.NEVER;
  }
  const time = TIME.exec(v.appointmentTime ?? "");
  if (!time) {
    ctx.addIssue({ code: "custom", path: ["appointmentTime"], message: "Enter the appointment time in 24-hour UK time, for example 18:30" });
    return z.NEVER;
  }
  return ukInstant(isoDate(y, m, d), Number(time[1]) * 60 + Number(time[2]));
}

export const recordOutcomeSchema = z
  .object({
    caseId: z.uuid(),
    outcome: z.enum(MANUAL_OUTCOMES, { error: "Choose the outcome of the call" }),
    ...appointmentFields,
  })
  .transform((v, ctx) => {
    if (v.outcome !== "APPOINTMENT_DEFINITE") return { caseId: v.caseId, outcome: v.outcome, appointmentAt: undefined };
    const appointmentAt = appointmentFrom(v, ctx);
    return { caseId: v.caseId, outcome: v.outcome, appointmentAt };
  });

/** A break-off, with the time the client agreed to carry on if they gave one (all four fields blank: none). */
export const breakOffSchema = z.object({ caseId: z.uuid(), ...appointmentFields }).transform((v, ctx) => {
  const given = [v.appointmentDay, v.appointmentMonth, v.appointmentYear, v.appointmentTime].some((s) => s !== undefined && s !== "");
  return { caseId: v.caseId, callbackAt: given ? appointmentFrom(v, ctx) : undefined };
});
export type RecordOutcomeInput = z.output<typeof recordOutcomeSchema>;

export const answerScreenSchema = z.object({
  caseId: z.uuid(),
  screenId: z.string().regex(SCREEN_ID),
  expectedRevision: z.coerce.number().int().min(0),
  answer: z.array(z.string().max(100)).max(100),
  text: z.string().max(20_000).optional(),
});

/**
 * The Next case page's query after a redirect (app/interviewer/actions.ts):
 * what happened last. Anyone can type any query, so a malformed value counts
 * as not given (issue 17: `?notice=closed&opens=x` was a 500).
 */
export const interviewerHomeQuerySchema = z.object({
  notice: optionalQuery(z.string().max(40)),
  outcome: optionalQuery(z.string().max(40)),
  disposition: optionalQuery(z.string().max(10)),
  final: optionalQuery(z.enum(["true", "false"])),
  opens: optionalQuery(z.iso.datetime({ offset: true })),
  appointment: optionalQuery(z.iso.datetime({ offset: true })),
  sample: optionalQuery(z.uuid()),
});
