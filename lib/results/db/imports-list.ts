import "server-only";
import { db } from "@/lib/db/client";

export async function listRecentImports() {
  const rows = await db().responseImport.findMany({
    orderBy: { startedAt: "desc" },
    take: 20,
    select: { id: true, fileName: true, strict: true, status: true, startedAt: true, inserted: true, updated: true, rejected: true, by: { select: { name: true } } },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), startedAt: r.startedAt.toISOString().slice(0, 16).replace("T", " "), by: r.by?.name ?? null }));
}
