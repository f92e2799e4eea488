import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadResponseState } from "@/lib/responses/load-response-state";
import { sampleContactMonth } from "../periods";
import { serviceLengthBand } from "../profile";
import { recordFieldworkRespondent } from "./fieldwork-respondent";

/**
 * A completed interview, by telephone or online, joins the analysts' one source
 * of results (SurveyRespondent, source FIELDWORK) with its effective answers, its
 * stratum, its design weight N_h / n_h and the mode it was completed in. Its
 * period is the contact month its sample drew, not the day it was completed.
 */
export async function projectCompletedResponse({
  caseId,
  responseId,
  mode,
  now,
  tx,
}: {
  caseId: string;
  responseId: string;
  mode: "PHONE" | "ONLINE";
  now: Date;
  /** The transaction that completes the case (the projection commits with it). */
  tx?: Prisma.TransactionClient;
}): Promise<void> {
  const state = await loadResponseState(responseId, tx);
  const sampleCase = await (tx ?? db()).sampleCase.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      designWeight: true,
      sample: { select: { survey: true, period: true, month: true } },
      stratum: { select: { stratum: true, role: true, contactReason: true } },
      client: { select: { ageBand: true, gender: true, csaClosureLetter: true, contactDate: true, serviceStartDate: true } },
    },
  });
  const profile: Record<string, string> = {};
  if (sampleCase.client.ageBand) profile.age_band = sampleCase.client.ageBand;
  if (sampleCase.client.gender) profile.gender = sampleCase.client.gender;
  const serviceLength = serviceLengthBand(sampleCase.client.serviceStartDate, sampleCase.client.contactDate);
  if (serviceLength) profile.service_length = serviceLength;
  if (sampleCase.client.csaClosureLetter !== null) profile.csa_closure_letter = sampleCase.client.csaClosureLetter ? "Y" : "N";
  await recordFieldworkRespondent(
    {
      survey: sampleCase.sample.survey,
      respondentRef: `case-${caseId}`,
      questionnaireVersion: state.version.id,
      interviewDate: now,
      periodMonth: sampleContactMonth(sampleCase.sample, sampleCase.client.contactDate),
      mode,
      role: sampleCase.stratum.role,
      contactReason: sampleCase.stratum.contactReason,
      profile,
      stratum: sampleCase.stratum.stratum,
      weight: sampleCase.designWeight,
      answers: state.effective,
    },
    tx ?? db(),
  );
}
