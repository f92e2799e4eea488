"use server";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { sendInvitationsSchema } from "@/lib/cawi/schemas";
import { sendInvitations } from "@/lib/cawi/send-invitations";
import { runAction } from "@/lib/http/action";
import { formDataOf } from "@/lib/http/form-data";

/** "Send invitations" on the sample page: a plain form post (works without JavaScript), back to the page with the counts. */
export async function sendInvitationsAction(formData: FormData): Promise<void> {
  const user = await requireRole("invitations:send");
  const input = { sampleId: String(formDataOf(formData).get("sampleId") ?? ""), channel: formDataOf(formData).get("channel") || undefined };
  const result = await runAction(sendInvitationsSchema, input, (data) => sendInvitations({ ...data, actorId: user.id, now: currentTime() }));
  const back = `/samples/${encodeURIComponent(input.sampleId)}`;
  if (!result.ok) redirect(`${back}?invitations=error&code=${encodeURIComponent(result.code)}`);
  redirect(`${back}?invitations=sent&sent=${result.data.sent}&skipped=${result.data.skipped.length}`);
}
