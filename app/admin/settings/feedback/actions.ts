"use server";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { saveFeedbackSettings } from "@/lib/feedback/settings";
import { FEEDBACK_SETTING_FIELDS, feedbackSettingsSchema } from "@/lib/feedback/settings-schema";
import { formDataOf } from "@/lib/http/form-data";

/** A plain form post: saved, or back to the form with what was typed (the page shows the schema's messages). */
export async function saveFeedbackSettingsAction(formData: FormData): Promise<void> {
  const admin = await requireRole("settings:manage");
  const typed = Object.fromEntries(FEEDBACK_SETTING_FIELDS.map((f) => [f, String(formDataOf(formData).get(f) ?? "").slice(0, 20)]));
  const parsed = feedbackSettingsSchema.safeParse(typed);
  if (!parsed.success) redirect(`/admin/settings/feedback?${new URLSearchParams({ ...typed, invalid: "1" })}`);
  await saveFeedbackSettings({ actorId: admin.id, settings: parsed.data });
  redirect("/admin/settings/feedback?saved=1");
}
