import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_FEEDBACK_SETTINGS, feedbackSettingsSchema, type FeedbackSettings } from "./settings-schema";

export const FEEDBACK_SETTINGS_KEY = "feedback.settings";

export async function getFeedbackSettings(): Promise<FeedbackSettings> {
  const row = await db().setting.findUnique({ where: { key: FEEDBACK_SETTINGS_KEY } });
  const parsed = feedbackSettingsSchema.safeParse(row?.value ?? DEFAULT_FEEDBACK_SETTINGS);
  return parsed.success ? parsed.data : DEFAULT_FEEDBACK_SETTINGS;
}

export async function saveFeedbackSettings({ actorId, settings }: { actorId: string | null; settings: FeedbackSettings }): Promise<void> {
  const value = feedbackSettingsSchema.parse(settings) as unknown as Prisma.InputJsonValue;
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: FEEDBACK_SETTINGS_KEY },
      create: { key: FEEDBACK_SETTINGS_KEY, value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAuditEvent(tx, { actorId, action: "setting.changed", entityType: "Setting", entityId: FEEDBACK_SETTINGS_KEY, details: value });
  });
}
