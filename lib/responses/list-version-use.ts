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
  /** false when this build's definition differs from the one recorded at first use */
  unchanged: boolean;
}

/** For each shipped version: whether it has been used (and so is locked), and how many responses it has. */
export async function listVersionUse(): Promise<Map<string, VersionUse>> {
  const [rows, counts] = await Promise.all([
    db().questionnaireVersion.findMany(),
    db().response.groupBy({ by: ["versionId"], _count: { _all: true } }),
  ]);
  const out = new Map<string, VersionUse>();
  for (const version of listQuestionnaireVersions()) {
    const row = rows.find((r) => r.id === version.id);
    out.set(version.id, {
      versionId: version.id,
      firstUsedAt: row?.firstUsedAt ?? null,
      status: row?.status ?? null,
      responses: counts.find((c) => c.versionId === version.id)?._count._all ?? 0,
      unchanged: !row || row.contentHash === versionContentHash(version),
    });
  }
  return out;
}
