import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { DoNotContactInput, RemoveDoNotContactInput } from "../schemas";

// The do-not-contact register (issue 6): keyed by service and client_ref, so an
// entry outlives re-imports of the frame. Clients who opt out during fieldwork
// join it (the fieldwork code calls addDoNotContact); supervisors add and remove
// entries with a reason. The audit log keeps every addition and removal.

export function listDoNotContact({ take = 500 }: { take?: number } = {}) {
  return db().doNotContactEntry.findMany({
    orderBy: { addedAt: "desc" },
    take,
    select: { id: true, service: true, clientRef: true, reason: true, addedAt: true, addedBy: { select: { name: true } } },
  });
}

export function countDoNotContact() {
  return db().doNotContactEntry.count();
}

export async function addDoNotContact({ actorId, input }: { actorId: string | null; input: DoNotContactInput }) {
  try {
    return await db().$transaction(async (tx) => {
      const entry = await tx.doNotContactEntry.create({
        data: { service: input.service, clientRef: input.clientRef, reason: input.reason, addedById: actorId },
      });
      await recordAuditEvent(tx, {
        actorId,
        action: "do_not_contact.added",
        entityType: "DoNotContactEntry",
        entityId: `${input.service}:${input.clientRef}`,
        details: { reason: input.reason },
      });
      return entry;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("ALREADY_ON_REGISTER", `${input.service} client ${input.clientRef} is already on the do-not-contact register`, "clientRef");
    }
    throw error;
  }
}

export async function removeDoNotContact({ actorId, input }: { actorId: string; input: RemoveDoNotContactInput }) {
  await db().$transaction(async (tx) => {
    const removed = await tx.doNotContactEntry.deleteMany({ where: { service: input.service, clientRef: input.clientRef } });
    if (removed.count === 0) throw new AppError("NOT_ON_REGISTER", `${input.service} client ${input.clientRef} is not on the register`, "clientRef");
    await recordAuditEvent(tx, {
      actorId,
      action: "do_not_contact.removed",
      entityType: "DoNotContactEntry",
      entityId: `${input.service}:${input.clientRef}`,
      details: { reason: input.reason },
    });
  });
}
