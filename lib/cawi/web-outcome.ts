import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DispositionCode } from "@/lib/cati/dispositions";
import { caseStateJson, caseStateOfRow } from "@/lib/cati/db/case-state-row";
import { countQuotaOutcome } from "@/lib/cati/db/quotas";
import { expiryDisposition, type ExpiryProgress } from "./follow-up-rules";

// Web outcomes (fieldwork.md "Final dispositions", Web) go to the case's call
// history as telephone outcomes do: a CallAttempt with mode ONLINE and no
// interviewer, and the case's disposition, final flag and quota counts moved in
// the same transaction (so supervisors' dispositions and AAPOR rates count both
// modes). A final web outcome takes a MIXED case out of the telephone queue at once.

export const WEB_OUTCOMES = {
  /** logged on, answered nothing (3.112): only over a case never attempted */
  WEB_LOGGED_ON: { final: false },
  /** stopped part-way ("Save and come back later"): 1.2 past the partial threshold, else 2.12 */
  WEB_BREAK_OFF: { final: false },
  WEB_COMPLETE: { final: true },
  /** "I do not want to take part": explicit refusal (2.111) */
  WEB_REFUSAL: { final: true },
  /** end of screening in a full or closed quota cell (4.80, as by telephone) */
  WEB_QUOTA_FULL: { final: true },
  /** the link of an online-only case expired: 1.2, 2.12, 3.112 or 3.90 by how far they got (expiryDisposition) */
  WEB_LINK_EXPIRED: { final: true },
} as const;
export type WebOutcome = keyof typeof WEB_OUTCOMES;

function dispositionOf(outcome: WebOutcome, partialThresholdReached: boolean, progress: ExpiryProgress | undefined): DispositionCode {
  switch (outcome) {
    case "WEB_LOGGED_ON":
      return "3.112";
    case "WEB_BREAK_OFF":
      return partialThresholdReached ? "1.2" : "2.12";
    case "WEB_COMPLETE":
      return "1.1";
    case "WEB_REFUSAL":
      return "2.111";
    case "WEB_QUOTA_FULL":
      return "4.80";
    case "WEB_LINK_EXPIRED":
      return expiryDisposition(progress ?? { opened: false, answeredSomething: false, partialThresholdReached });
  }
}

/**
 * Records a web outcome for the case, in the caller's transaction. A case that
 * is already final (say, completed by telephone) keeps its disposition: null.
 */
export async function recordWebOutcome(
  tx: Prisma.TransactionClient,
  {
    caseId,
    outcome,
    partialThresholdReached = false,
    progress,
    now,
  }: { caseId: string; outcome: WebOutcome; partialThresholdReached?: boolean; /** WEB_LINK_EXPIRED: how far they got */ progress?: ExpiryProgress; now: Date },
): Promise<{ disposition: DispositionCode; final: boolean } | null> {
  const rows = await tx.$queryRaw<{ catiState: unknown; attempts: number; disposition: string; final: boolean }[]>`
    SELECT "catiState", "attempts", "disposition", "final" FROM "SampleCase" WHERE "id" = ${caseId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row || row.final) return null;
  if (outcome === "WEB_LOGGED_ON" && row.disposition !== "3.11") return null;
  const disposition = dispositionOf(outcome, partialThresholdReached, progress);
  const final = WEB_OUTCOMES[outcome].final;
  const state = caseStateOfRow(row);
  state.disposition = disposition;
  if (outcome === "WEB_BREAK_OFF") state.breakOff = partialThresholdReached ? "partial" : state.breakOff === "partial" ? "partial" : "below-threshold";
  if (outcome === "WEB_LINK_EXPIRED" && (disposition === "1.2" || disposition === "2.12"))
    state.breakOff = disposition === "1.2" ? "partial" : "below-threshold";
  if (final) {
    state.final = true;
    state.finalReason = "OUTCOME";
    state.nextCallAt = null;
    state.appointment = null;
    state.refusalConversion = false;
  }
  await tx.callAttempt.create({ data: { sampleCaseId: caseId, interviewerId: null, mode: "ONLINE", startedAt: now, endedAt: now, outcome, disposition } });
  await tx.sampleCase.update({
    where: { id: caseId },
    data: {
      catiState: caseStateJson(state) as Prisma.InputJsonValue,
      disposition,
      final,
      ...(final ? { nextCallAt: null, appointmentAt: null, appointmentById: null, refusalConversion: false, heldById: null, heldUntil: null } : {}),
    },
  });
  await countQuotaOutcome({ caseId, from: row.disposition, to: disposition }, tx);
  return { disposition, final };
}
