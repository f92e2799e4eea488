import "server-only";
import { db } from "@/lib/db/client";

export async function listRecentImports() {
  const rows = await db().responseImport.findMany({
    orderBy: { startedAt: "desc" },
    take: 20,
    select: {
      id: true,
      fileName: true,
      strict: true,
      status: true,
      startedAt: true,
      inserted: true,
      updated: true,
      unchanged: true,
      rejected: true,
      by: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), startedAt: r.startedAt.toISOString().slice(0, 16).replace("T", " "), by: r.by?.name ?? null }));
}

/** One import with its stored row errors (up to `limit`), or null. */
export async function getImport({ id, limit = 1000 }: { id: string; limit?: number }) {
  if (!/^\d{1,18}$/.test(id)) return null;
  const i = await db().responseImport.findUnique({
    where: { id: BigInt(id) },
    include: { by: { select: { name: true } }, errors: { orderBy: [{ line: "asc" }, { id: "asc" }], take: limit } },
  });
  if (!i) return null;
  return {
    id: i.id.toString(),
    fileName: i.fileName,
    strict: i.strict,
    status: i.status,
    rows: i.rows,
    inserted: i.inserted,
    updated: i.updated,
    unchanged: i.unchanged,
    rejected: i.rejected,
    fileError: i.fileError,
    by: i.by?.name ?? null,
    startedAt: i.startedAt.toISOString().slice(0, 16).replace("T", " "),
    errors: i.errors.map((e) => ({ line: e.line, column: e.column, message: e.message })),
  };
}
