import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { caseAttributesSchema, type CaseAttributes } from "@/lib/questionnaire";

/**
 * What routing and fills read about a drawn case (lib/questionnaire/attributes.ts):
 * the role and contact reason of the contact that put the client in the
 * sample's population (its stratum: the frame row holds the client's latest
 * contact, which may be a later one), the payment method and service from the
 * frame (CMS for a CES case), and the sample's contact month. A quarterly (CES)
 * sample has no one contact month, so contactMonth is left out (CES-2023 neither
 * routes nor fills on it). Stored on the response when it starts.
 */
export async function sampleCaseAttributes(tx: Prisma.TransactionClient, sampleCaseId: string): Promise<CaseAttributes> {
  const sampleCase = await tx.sampleCase.findUnique({
    where: { id: sampleCaseId },
    select: {
      sample: { select: { month: true, period: true } },
      stratum: { select: { role: true, contactReason: true } },
      client: { select: { service: true, paymentMethod: true, clientRef: true } },
    },
  });
  if (!sampleCase) throw new AppError("CASE_NOT_FOUND", "This case no longer exists.");
  const { sample, stratum, client } = sampleCase;
  return caseAttributesSchema.parse({
    role: stratum.role,
    contactReason: stratum.contactReason,
    paymentMethod: client.paymentMethod ?? undefined,
    service: client.service,
    contactMonth: sample.period === "MONTH" ? sample.month : undefined,
    clientRef: client.clientRef,
  });
}
