import "server-only";
import { db } from "@/lib/db/client";
import { listQuestionnaireVersions } from "@/lib/questionnaire";
import { versionContentHash } from "./version-hash";

export interface VersionUse {
  versionId: string;
  /** null: never used, so the version could still change under its id */
  firstUsedAt: Date | null;
  status: "IN_USE" | "RETIRED" | null;
  responses: number;
  /** respondents brought in by a responses import (interchange.md §2) that answered this version */
  imported: number;
  /** the earliest interview date among them */
  importedFrom: Date | null;
  /** false when this build's definition differs from the one recorded at first use */
  unchanged: boolean;
}

/** For each shipped version: whether it has been used (and so is locked), and how many responses it has. */
export async function listVersionUse(): Promise<Map<string, VersionUse>> {
  const [rows, counts, imported] = await Promise.all([
    db().questionnaireVersion.findMany(),
    db().response.groupBy({ by: ["versionId"], _count: { _all: true } }),
    db().surveyRespondent.groupBy({ by: ["questionnaireVersion"], where: { source: "IMPORT" }, _count: { _all: true }, _min: { interviewDate: true } }),
  ]);
  const out = new Map<string, VersionUse>();
  for (const version of listQuestionnaireVersions()) {
    const row = rows.find((r) => r.id === version.id);
    out.set(version.id, {
      versionId: version.id,
      firstUsedAt: row?.firstUsedAt ?? null,
      status: row?.status ?? null,
      responses: counts.find((c) => c.versionId === version.id)?._count._all ?? 0,
      imported: imported.find((c) => c.questionnaireVersion === version.id)?._count._all ?? 0,
      importedFrom: imported.find((c) => c.questionnaireVersion === version.id)?._min.interviewDate ?? null,
      unchanged: !row || row.contentHash === versionContentHash(version),
    });
  }
  return out;
}
