"use server";
import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { withdrawOnline } from "@/lib/cawi/respondent";
import { withdrawSchema } from "@/lib/cawi/schemas";
import { currentInvitationId } from "@/lib/cawi/session";
import { formDataOf } from "@/lib/http/form-data";

// The respondent's form posts (plain HTML forms: they work without JavaScript).
// Each ends in a redirect, so reloading a page never posts an answer twice.
// "Start now" and answers are posted to route handlers (app/survey/start and
// app/survey/answer), the respondent's hot path.

export async function withdrawSurvey(formData: FormData): Promise<void> {
  const invitationId = await currentInvitationId();
  const parsed = withdrawSchema.safeParse({ doNotContact: formDataOf(formData).get("doNotContact") || undefined });
  if (!invitationId || !parsed.success) redirect("/survey/unavailable");
  const done = await withdrawOnline({ invitationId, doNotContact: parsed.data.doNotContact === "yes", now: currentTime() });
  redirect(done ? "/survey/withdraw?done=1" : "/survey/unavailable");
}
