import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { EraseClientInput } from "./schemas";

export type EraseClientResult = {
  service: string;
  clientRef: string;
  frameClient: boolean;
  outboxMessages: number;
  invitationsWithdrawn: number;
  casesClosed: number;
  respondentExtras: number;
  doNotContact: "added" | "already";
};

/**
 * A subject-erasure request (issue 17): one client's contact details erased
 * everywhere they are kept, in one transaction, and the client put on the
 * do-not-contact register so no later draw or call reaches them. Their
 * anonymous answers stay (the results' counts do not change). Cases still in
 * fieldwork end as a refusal by the known respondent (2.112), and a live online
 * link stops working. Audited, with the reason given.
 */
export async function eraseClient({ input, actorId, now }: { input: EraseClientInput; actorId: string | null; now: Date }): Promise<EraseClientResult> {
  const { service, clientRef, reason } = input;
  return db().$transaction(async (tx) => {
    const client = await tx.frameClient.findUnique({ where: { service_clientRef: { service, clientRef } }, select: { id: true } });
    const onRegister = await tx.doNotContactEntry.findUnique({ where: { service_clientRef: { service, clientRef } }, select: { id: true } });
    if (!client && !onRegister) throw new AppError("NOT_FOUND", `There is no client ${clientRef} in the ${service} frame`, "clientRef");

    let outboxMessages = 0;
    let invitationsWithdrawn = 0;
    let casesClosed = 0;
    let respondentExtras = 0;
    if (client) {
      await tx.frameClient.update({
        where: { id: client.id },
        data: { personal: null, hasPhone: false, hasMobile: false, hasEmail: false, updatedAt: now },
      });
      const cases = await tx.sampleCase.findMany({ where: { clientId: client.id }, select: { id: true } });
      const caseIds = cases.map((c) => c.id);
      outboxMessages = await tx.$executeRaw`
        UPDATE "OutboxMessage" m SET "personal" = NULL
        FROM "Invitation" i WHERE i.id = m."invitationId" AND i."sampleCaseId" = ANY(${caseIds}::uuid[]) AND m."personal" IS NOT NULL`;
      // and the texts asking them for feedback on a contact (issue 14)
      outboxMessages += await tx.$executeRaw`
        UPDATE "OutboxMessage" m SET "personal" = NULL
        FROM "FeedbackRequest" r WHERE r.id = m."feedbackRequestId" AND r.service = ${service}::"Service" AND r."clientRef" = ${clientRef} AND m."personal" IS NOT NULL`;
      ({ count: invitationsWithdrawn } = await tx.invitation.updateMany({
        where: { sampleCaseId: { in: caseIds }, status: "ACTIVE" },
        data: { status: "WITHDRAWN", closedAt: now },
      }));
      ({ count: casesClosed } = await tx.sampleCase.updateMany({
        where: { id: { in: caseIds }, final: false },
        data: { final: true, disposition: "2.112", heldById: null, heldUntil: null, nextCallAt: null, appointmentAt: null, appointmentById: null },
      }));
      respondentExtras = await tx.$executeRaw`
        UPDATE "SurveyRespondent" SET extra = NULL
        WHERE extra IS NOT NULL AND "respondentRef" = ANY(${caseIds.map((id) => `case-${id}`)}::text[])`;
    }
    const { count: added } = await tx.doNotContactEntry.createMany({
      data: [{ service, clientRef, reason: `Erasure request: ${reason}`, addedById: actorId, addedAt: now }],
      skipDuplicates: true,
    });
    const result: EraseClientResult = {
      service,
      clientRef,
      frameClient: !!client,
      outboxMessages,
      invitationsWithdrawn,
      casesClosed,
      respondentExtras,
      doNotContact: added ? "added" : "already",
    };
    await recordAuditEvent(tx, {
      actorId,
      action: "personal-data.erased-client",
      entityType: "DoNotContactEntry",
      entityId: `${service}:${clientRef}`,
      details: { ...result, reason },
    });
    return result;
  });
}
