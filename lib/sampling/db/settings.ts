import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SamplingSettingsInput } from "../schemas";

// Sampling settings an administrator changes at run time (the Setting table).
// issue 6: interviewers draw the monthly samples unless an administrator
// restricts drawing to supervisors.

const KEY = "sampling";
const DEFAULTS: SamplingSettingsInput = { drawRestrictedToSupervisors: false };

export async function getSamplingSettings(): Promise<SamplingSettingsInput> {
  const row = await db().setting.findUnique({ where: { key: KEY } });
  return { ...DEFAULTS, ...(row?.value as Partial<SamplingSettingsInput> | undefined) };
}

export async function setSamplingSettings({ actorId, input }: { actorId: string; input: SamplingSettingsInput }) {
  await db().$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: input, updatedById: actorId },
      update: { value: input, updatedById: actorId },
    });
    await recordAuditEvent(tx, { actorId, action: "setting.changed", entityType: "Setting", entityId: KEY, details: input });
  });
}

/** Whether this user may draw now ("samples:draw" is checked first by requireRole). */
export async function mayDrawSamples(user: Pick<SessionUser, "role">): Promise<boolean> {
  if (user.role !== "INTERVIEWER") return true;
  return !(await getSamplingSettings()).drawRestrictedToSupervisors;
}

export async function assertMayDrawSamples(user: Pick<SessionUser, "role">): Promise<void> {
  if (!(await mayDrawSamples(user))) {
    throw new AppError("DRAW_RESTRICTED", "An administrator has restricted drawing samples to supervisors. Ask a supervisor to draw it.");
  }
}
