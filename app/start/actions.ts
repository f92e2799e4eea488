"use server";
import { redirect } from "next/navigation";
import { currentTime } from "@/lib/clock";
import { openInvitationByAccessCode } from "@/lib/cawi/respondent";
import { accessCodeSchema } from "@/lib/cawi/schemas";
import { bindRespondent, requestAddress } from "@/lib/cawi/session";
import { formDataOf } from "@/lib/http/form-data";

/** The access code from a letter, typed at /start. A wrong, expired or withdrawn code gets one message. */
export async function enterAccessCode(formData: FormData): Promise<void> {
  const parsed = accessCodeSchema.safeParse({ accessCode: formDataOf(formData).get("accessCode") ?? "" });
  if (!parsed.success) redirect("/start?error=empty");
  const opened = await openInvitationByAccessCode({ accessCode: parsed.data.accessCode, ip: await requestAddress(), now: currentTime() });
  if (!opened.ok) redirect(`/start?error=${opened.reason === "RATE_LIMITED" ? "busy" : "wrong"}`);
  await bindRespondent(opened.invitationId);
  redirect("/survey");
}
