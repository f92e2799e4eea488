import "server-only";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { sampleCaseAttributes } from "./case-attributes";
import { registerVersionUse, shippedVersion } from "./register-version";
import type { StartResponseInput } from "./schemas";

/**
 * Starts the response of a case (or returns the one it already has: one
 * response per case, so a break-off resumes). Records the version's first use.
 * Returns the response id.
 */
export async function startResponse(input: StartResponseInput & { now?: Date }): Promise<{ responseId: string; created: boolean }> {
  const now = input.now ?? currentTime();
  const version = shippedVersion(input.versionId);
  if (!version.settings.modes.includes(input.mode)) {
    throw new AppError("WRONG_MODE", `Questionnaire version ${version.id} is not asked ${input.mode === "PHONE" ? "by telephone" : "online"}.`);
  }
  try {
    return await db().$transaction(async (tx) => {
      if (input.sampleCaseId) {
        const existing = await tx.response.findUnique({ where: { sampleCaseId: input.sampleCaseId }, select: { id: true, versionId: true } });
        if (existing) return resumed(existing, version.id);
      }
      await registerVersionUse(tx, version, { forNewResponse: true });
      const caseAttributes = input.sampleCaseId ? await sampleCaseAttributes(tx, input.sampleCaseId) : (input.caseAttributes ?? {});
      const created = await tx.response.create({
        data: { versionId: version.id, mode: input.mode, sampleCaseId: input.sampleCaseId, caseAttributes, startedAt: now, updatedAt: now },
        select: { id: true },
      });
      return { responseId: created.id, created: true };
    });
  } catch (error) {
    // Two starts of the same case at once: the unique sampleCaseId lets one win.
    if (input.sampleCaseId && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db().response.findUnique({ where: { sampleCaseId: input.sampleCaseId }, select: { id: true, versionId: true } });
      if (existing) return resumed(existing, version.id);
    }
    throw error;
  }
}

function resumed(existing: { id: string; versionId: string }, versionId: string) {
  if (existing.versionId !== versionId) {
    throw new AppError("CASE_HAS_RESPONSE", `This case's interview was started on ${existing.versionId}; it continues on that version.`);
  }
  return { responseId: existing.id, created: false };
}
