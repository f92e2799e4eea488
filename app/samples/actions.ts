"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionResult } from "@/lib/errors";
import type { DrawResult } from "@/lib/sampling/db/draw-sample/draw-sample";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { drawSample } from "@/lib/sampling/db/draw-sample/draw-sample";
import { assertMayDrawSamples, setSamplingSettings } from "@/lib/sampling/db/settings";
import { drawSampleSchema, samplingSettingsSchema } from "@/lib/sampling/schemas";
import { formDataOf, formFields } from "@/lib/http/form-data";

/** Counts only: the waterfall, strata and allocation; nothing is written. */
export async function previewSampleAction(input: unknown) {
  const user = await requireRole("samples:draw");
  return runAction(drawSampleSchema, input, async (data) => {
    await assertMayDrawSamples(user);
    return drawSample({ input: data, actorId: user.id, preview: true });
  });
}

export async function drawSampleAction(input: unknown) {
  const user = await requireRole("samples:draw");
  return runAction(drawSampleSchema, input, async (data) => {
    await assertMayDrawSamples(user);
    const result = await drawSample({ input: data, actorId: user.id });
    revalidatePath("/samples");
    return result;
  });
}

/** The sampling settings: a plain form (works without JavaScript). */
export async function saveSamplingSettingsAction(
  _prev: ActionResult<{ drawRestrictedToSupervisors: boolean }> | null,
  formData: FormData,
): Promise<ActionResult<{ drawRestrictedToSupervisors: boolean }>> {
  const admin = await requireRole("settings:manage");
  return runAction(samplingSettingsSchema, formFields(formData), async (data) => {
    await setSamplingSettings({ actorId: admin.id, input: data });
    revalidatePath("/samples");
    return data;
  });
}

/** What the plain (JavaScript-off) draw form gets back: its values, and the preview or the failure. */
export interface DrawFormState {
  values: Record<string, string | boolean>;
  preview?: DrawResult;
  failure?: ActionResult<DrawResult>;
}

const DRAW_FORM_FIELDS = ["survey", "month", "quarter", "mode", "allocation", "size", "minimumPerStratum", "fixedSizes", "seed", "minimumInterviews"] as const;

/**
 * The draw form without JavaScript (issue 18): the browser posts the form, the
 * button pressed says preview or draw. A draw goes to the new sample's page; a
 * preview or a failure comes back as the form's state, with what was typed.
 */
export async function drawSampleFormAction(_state: DrawFormState | null, formData: FormData): Promise<DrawFormState> {
  const values: Record<string, string | boolean> = { topUp: formDataOf(formData).get("topUp") !== null };
  for (const field of DRAW_FORM_FIELDS) {
    const value = formDataOf(formData).get(field);
    if (typeof value === "string") values[field] = value;
  }
  if (formDataOf(formData).get("intent") === "preview") {
    const result = await previewSampleAction(values);
    return result.ok ? { values, preview: result.data } : { values, failure: result };
  }
  const result = await drawSampleAction(values);
  if (result.ok && result.data.sampleId) redirect(`/samples/${result.data.sampleId}`);
  return { values, failure: result };
}
