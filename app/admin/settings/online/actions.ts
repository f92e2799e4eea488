"use server";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { saveFollowUpSettings } from "@/lib/cawi/follow-up";
import { followUpSettingsSchema, FOLLOW_UP_FIELDS } from "@/lib/cawi/follow-up-rules";
import { formDataOf } from "@/lib/http/form-data";

/** A plain form post: saved, or back to the form with what was typed (the page shows the schema's messages). */
export async function saveFollowUpSettingsAction(formData: FormData): Promise<void> {
  const admin = await requireRole("settings:manage");
  const typed = Object.fromEntries(FOLLOW_UP_FIELDS.map((f) => [f, String(formDataOf(formData).get(f) ?? "").slice(0, 20)]));
  const parsed = followUpSettingsSchema.safeParse(typed);
  if (!parsed.success) redirect(`/admin/settings/online?${new URLSearchParams({ ...typed, invalid: "1" })}`);
  await saveFollowUpSettings({ actorId: admin.id, settings: parsed.data });
  redirect("/admin/settings/online?saved=1");
}
