"use server";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { answerScreenSchema, breakOffSchema, caseIdSchema, recordOutcomeSchema, takeNextCaseSchema } from "@/lib/cati/action-schemas";
import { revealPhoneNumber } from "@/lib/cati/db/case-screen";
import { answerInterviewScreen, breakOffInterview, startInterview } from "@/lib/cati/db/interview";
import { recordCallOutcome } from "@/lib/cati/db/record-outcome";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import type { ActionResult } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { formDataOf, formFields } from "@/lib/http/form-data";

// Telephone interviewing (issue 4). Each action: requireRole first, then the
// operation's zod schema (runAction), then one lib/cati/db function.

export async function takeNextCaseAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("cases:work");
  return runAction(takeNextCaseSchema, formFields(formData), async ({ sampleId }) => {
    const result = await takeNextCase({ interviewerId: user.id, sampleId });
    if (result.ok) redirect(`/interviewer/cases/${result.caseId}`);
    const query = new URLSearchParams({ notice: result.reason === "OUTSIDE_CALLING_HOURS" ? "closed" : "nothing-due" });
    if (result.reason === "OUTSIDE_CALLING_HOURS") query.set("opens", result.opensAt.toISOString());
    if (sampleId) query.set("sample", sampleId);
    redirect(`/interviewer?${query}`);
  });
}

/** The "Show phone number" form (works without JavaScript: the page re-renders with the result). */
export async function revealPhoneAction(_prev: ActionResult<string> | null, formData: FormData): Promise<ActionResult<string>> {
  const user = await requireRole("cases:work");
  return runAction(caseIdSchema, formFields(formData), ({ caseId }) => revealPhoneNumber({ caseId, interviewerId: user.id }));
}

export async function recordOutcomeAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("cases:work");
  return runAction(recordOutcomeSchema, formFields(formData), async ({ caseId, outcome, appointmentAt }) => {
    const result = await recordCallOutcome({ interviewerId: user.id, caseId, outcome, appointmentAt });
    const query = new URLSearchParams({ notice: "recorded", outcome, disposition: result.disposition, final: String(result.final) });
    if (appointmentAt && !result.final) query.set("appointment", appointmentAt.toISOString());
    redirect(`/interviewer?${query}`);
  });
}

export async function startInterviewAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("cases:work");
  return runAction(caseIdSchema, formFields(formData), async ({ caseId }) => {
    await startInterview({ caseId, interviewerId: user.id });
    redirect(`/interviewer/cases/${caseId}/interview`);
  });
}

export async function answerScreenAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("cases:work");
  const input = { ...formFields(formData), answer: formDataOf(formData).getAll("answer") };
  return runAction(answerScreenSchema, input, async ({ caseId, screenId, expectedRevision, answer, text }) => {
    const result = await answerInterviewScreen({
      caseId,
      interviewerId: user.id,
      screenId,
      expectedRevision,
      fields: { answer, ...(text === undefined ? {} : { text }) },
    });
    if (result.done)
      redirect(`/interviewer?${new URLSearchParams({ notice: result.quotaFull ? "quota-full" : "complete", disposition: result.outcome.disposition })}`);
    redirect(`/interviewer/cases/${caseId}/interview?screen=${result.nextScreenId}`);
  });
}

export async function breakOffAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("cases:work");
  return runAction(breakOffSchema, formFields(formData), async ({ caseId, callbackAt }) => {
    const result = await breakOffInterview({ caseId, interviewerId: user.id, callbackAt });
    const query = new URLSearchParams({ notice: "broken-off", disposition: result.disposition, final: String(result.final) });
    if (callbackAt && !result.final) query.set("appointment", callbackAt.toISOString());
    redirect(`/interviewer?${query}`);
  });
}
