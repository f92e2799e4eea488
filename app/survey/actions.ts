"use server";
import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { answerOnline, startOnlineResponse, withdrawOnline } from "@/lib/cawi/respondent";
import { answerPostSchema, withdrawSchema } from "@/lib/cawi/schemas";
import { currentInvitationId, requestAddress } from "@/lib/cawi/session";
import { answerFieldsFrom } from "@/lib/questionnaire";
import { formDataOf } from "@/lib/http/form-data";

// The respondent's form posts (plain HTML forms: they work without JavaScript).
// Each ends in a redirect, so reloading a page never posts an answer twice.

export async function startSurvey(): Promise<void> {
  const invitationId = await currentInvitationId();
  if (!invitationId || !(await startOnlineResponse({ invitationId, now: currentTime() }))) redirect("/survey/unavailable");
  redirect("/survey");
}

export async function answerSurvey(formData: FormData): Promise<void> {
  const invitationId = await currentInvitationId();
  if (!invitationId) redirect("/survey/unavailable");
  const parsed = answerPostSchema.safeParse({ screenId: formDataOf(formData).get("screenId"), expectedRevision: formDataOf(formData).get("expectedRevision") || undefined, intent: formDataOf(formData).get("intent") || undefined });
  if (!parsed.success) redirect("/survey");
  const outcome = await answerOnline({ invitationId, ...parsed.data, fields: answerFieldsFrom(formDataOf(formData)), ip: await requestAddress(), now: currentTime() });
  switch (outcome.kind) {
    case "next":
      redirect(outcome.screenId ? `/survey?screen=${encodeURIComponent(outcome.screenId)}` : "/survey");
    case "error":
      redirect(`/survey?screen=${encodeURIComponent(outcome.screenId)}&error=${encodeURIComponent(outcome.code)}`);
    case "saved":
      redirect("/survey/saved");
    case "completed":
      redirect("/survey/thank-you");
    case "quota-full":
      redirect("/survey");
    case "rate-limited":
      redirect("/survey/unavailable?reason=busy");
    case "unavailable":
      redirect("/survey/unavailable");
  }
}

export async function withdrawSurvey(formData: FormData): Promise<void> {
  const invitationId = await currentInvitationId();
  const parsed = withdrawSchema.safeParse({ doNotContact: formDataOf(formData).get("doNotContact") || undefined });
  if (!invitationId || !parsed.success) redirect("/survey/unavailable");
  const done = await withdrawOnline({ invitationId, doNotContact: parsed.data.doNotContact === "yes", now: currentTime() });
  redirect(done ? "/survey/withdraw?done=1" : "/survey/unavailable");
}
