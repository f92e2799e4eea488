"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { saveCatiSettings } from "@/lib/cati/db/settings";
import { TEXT_FIELDS, telephoneSettingsFormSchema } from "@/lib/cati/settings-form";
import { keepTyped, runAction, type FormResult } from "@/lib/http/action";
import { currentTime } from "@/lib/clock";
import { formDataOf } from "@/lib/http/form-data";

export async function saveTelephoneSettingsAction(_prev: FormResult<{ savedAt: string }> | null, formData: FormData): Promise<FormResult<{ savedAt: string }>> {
  const admin = await requireRole("settings:manage");
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(formDataOf(formData).keys())) {
    const all = formDataOf(formData)
      .getAll(key)
      .filter((v): v is string => typeof v === "string");
    input[key] = key === "refusalConverterIds" ? all : (all[0] ?? "");
  }
  const result = await runAction(telephoneSettingsFormSchema, input, async ({ settings, refusalConverterIds }) => {
    await saveCatiSettings({ actorId: admin.id, settings, refusalConverterIds });
    revalidatePath("/admin/settings/telephone");
    return { savedAt: currentTime().toISOString() };
  });
  // Sent back with an error, the form shows every number, time and tick as typed, not as stored.
  const kept = keepTyped(result, input, [...TEXT_FIELDS, "closedOnBankHolidays"]);
  if (kept.ok || !kept.typed) return kept;
  const ids = input.refusalConverterIds;
  return { ...kept, typed: { ...kept.typed, refusalConverterIds: (Array.isArray(ids) ? ids : []).join(",") } };
}
