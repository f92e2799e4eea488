import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

/** Appends one event to the audit log (the table refuses updates and deletes). */
export async function recordAuditEvent(
  tx: Db,
  event: { actorId: string | null; action: string; entityType?: string; entityId?: string; details?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.auditEvent.create({ data: event });
}
