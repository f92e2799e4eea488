import "server-only";
import type { TargetRow } from "@/lib/analysis";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RowError } from "../response-csv";
import { readTargetsFile } from "../targets-file";

// Named population targets (interchange.md §3) for the results page. Uploading a
// name again replaces its rows.

export async function saveTargetSet({
  name,
  fileName,
  text,
  actorId,
}: {
  name: string;
  fileName: string;
  text: string;
  actorId: string | null;
}): Promise<{ saved: boolean; rows: number; errors: RowError[] }> {
  const { rows, errors } = await readTargetsFile(text);
  if (errors.length) return { saved: false, rows: 0, errors };
  await db().$transaction(async (tx) => {
    const set = await tx.targetSet.upsert({
      where: { name },
      create: { name, fileName, rows: rows as object[], createdById: actorId },
      update: { fileName, rows: rows as object[], createdById: actorId },
    });
    await recordAuditEvent(tx, {
      actorId,
      action: "targets.saved",
      entityType: "TargetSet",
      entityId: set.id.toString(),
      details: { name, fileName, rows: rows.length },
    });
  });
  return { saved: true, rows: rows.length, errors: [] };
}

export function listTargetSets() {
  return db().targetSet.findMany({ orderBy: { name: "asc" }, select: { name: true, fileName: true, updatedAt: true, rows: true } });
}

export async function getTargetSetRows(name: string): Promise<TargetRow[]> {
  const set = await db().targetSet.findUnique({ where: { name }, select: { rows: true } });
  if (!set) throw new AppError("UNKNOWN_TARGET_SET", `There is no target set called ${name}`, "targetSet");
  return set.rows as unknown as TargetRow[];
}
