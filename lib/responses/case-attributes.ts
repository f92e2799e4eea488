import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { caseAttributesSchema, type CaseAttributes } from "@/lib/questionnaire";

/**
 * What routing and fills read about a drawn case (lib/questionnaire/attributes.ts):
 * the client's role, contact reason and payment method from the frame, the
 * sample's survey and contact month. Stored on the response when it starts.
 */
export async function sampleCaseAttributes(tx: Prisma.TransactionClient, sampleCaseId: string): Promise<CaseAttributes> {
  const sampleCase = await tx.sampleCase.findUnique({
    where: { id: sampleCaseId },
    select: {
      sample: { select: { survey: true, month: true } },
      client: { select: { role: true, contactReason: true, paymentMethod: true, clientRef: true } },
    },
  });
  if (!sampleCase) throw new AppError("CASE_NOT_FOUND", "This case no longer exists.");
  const { sample, client } = sampleCase;
  return caseAttributesSchema.parse({
    role: client.role,
    contactReason: client.contactReason,
    paymentMethod: client.paymentMethod ?? undefined,
    service: sample.survey,
    contactMonth: sample.month,
    clientRef: client.clientRef,
  });
}
