import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getQuestionnaireVersion, type QuestionnaireVersion } from "@/lib/questionnaire";
import { versionContentHash } from "./version-hash";

/** The shipped version with this id, or an AppError naming it. */
export function shippedVersion(versionId: string): QuestionnaireVersion {
  const version = getQuestionnaireVersion(versionId);
  if (!version) throw new AppError("UNKNOWN_VERSION", `There is no questionnaire version ${versionId}.`);
  return version;
}

export function versionChangedError(versionId: string): AppError {
  return new AppError(
    "VERSION_CHANGED",
    `Questionnaire version ${versionId} has been used, and the definition in this build is different from the one it was used with. ` +
      `A version in use cannot be edited: ship the change under a new version id.`,
  );
}

/**
 * Records the version's first use with its content hash (once; concurrent first
 * uses are safe), and refuses when the stored hash differs from the shipped
 * definition, or when the version is retired and `forNewResponse`.
 */
export async function registerVersionUse(tx: Prisma.TransactionClient, version: QuestionnaireVersion, options: { forNewResponse: boolean }): Promise<void> {
  const hash = versionContentHash(version);
  await tx.questionnaireVersion.createMany({ data: [{ id: version.id, survey: version.survey, contentHash: hash }], skipDuplicates: true });
  await checkVersionUnchanged(tx, version, options);
}

/** Throws VERSION_CHANGED when the stored hash differs from the shipped definition. */
export async function checkVersionUnchanged(
  tx: Prisma.TransactionClient,
  version: QuestionnaireVersion,
  options: { forNewResponse: boolean } = { forNewResponse: false },
): Promise<void> {
  const row = await tx.questionnaireVersion.findUnique({ where: { id: version.id } });
  if (!row) throw new AppError("UNKNOWN_VERSION", `Questionnaire version ${version.id} has not been registered.`);
  if (row.contentHash !== versionContentHash(version)) throw versionChangedError(version.id);
  if (options.forNewResponse && row.status === "RETIRED") {
    throw new AppError("VERSION_RETIRED", `Questionnaire version ${version.id} is retired: start new interviews on its replacement.`);
  }
}
