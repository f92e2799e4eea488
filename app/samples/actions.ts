"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { drawSample } from "@/lib/sampling/db/draw-sample/draw-sample";
import { assertMayDrawSamples, setSamplingSettings } from "@/lib/sampling/db/settings";
import { drawSampleSchema, samplingSettingsSchema } from "@/lib/sampling/schemas";

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

export async function saveSamplingSettingsAction(input: unknown) {
  const admin = await requireRole("settings:manage");
  return runAction(samplingSettingsSchema, input, async (data) => {
    await setSamplingSettings({ actorId: admin.id, input: data });
    revalidatePath("/samples");
    return data;
  });
}
