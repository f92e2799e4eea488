import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Appends one event to the audit log (the table refuses updates and deletes). */
export async function recordAuditEvent(
  tx: Db,
  event: { actorId: string | null; action: string; entityType?: string; entityId?: string; details?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({ data: event });
}

/** Records one event on its own (outside any transaction): a download, a refusal. */
export async function recordAuditEventNow(event: { actorId: string | null; action: string; entityType?: string; entityId?: string; details?: Prisma.InputJsonValue }): Promise<void> {
  await recordAuditEvent(db(), event);
}
