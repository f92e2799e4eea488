import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

type Db = PrismaClient | Prisma.TransactionClient;
/** A node-postgres connection (pg.Client) inside its own transaction: bulk work Prisma cannot do (the frame's first import). */
interface SqlConnection {
  query(text: string, values: unknown[]): Promise<unknown>;
}

export type AuditEventInput = { actorId: string | null; action: string; entityType?: string; entityId?: string; details?: Prisma.InputJsonValue };

/** Appends one event to the audit log (the table refuses updates and deletes), in the caller's transaction. */
export async function recordAuditEvent(tx: Db | SqlConnection, event: AuditEventInput): Promise<void> {
  if (!isSqlConnection(tx)) {
    await tx.auditEvent.create({ data: event });
    return;
  }
  await tx.query(
    `INSERT INTO "AuditEvent" ("at", "actorId", "action", "entityType", "entityId", "details")
     VALUES (now() AT TIME ZONE 'UTC', $1, $2, $3, $4, $5::jsonb)`,
    [event.actorId, event.action, event.entityType ?? null, event.entityId ?? null, JSON.stringify(event.details ?? null)],
  );
}

function isSqlConnection(tx: Db | SqlConnection): tx is SqlConnection {
  return typeof (tx as Partial<SqlConnection>).query === "function";
}

/** Records one event on its own (outside any transaction): a download, a refusal. */
export async function recordAuditEventNow(event: {
  actorId: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Prisma.InputJsonValue;
}): Promise<void> {
  await recordAuditEvent(db(), event);
}
