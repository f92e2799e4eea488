import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isPartialThreshold } from "@/lib/questionnaire";
import { shippedVersion } from "@/lib/responses/register-version";
import { storedAnswers } from "@/lib/responses/stored-answers";
import type { DispositionCode } from "../dispositions";
import type { CallOutcome } from "../outcomes";
import { applyOutcome } from "../schedule";
import { caseStateJson, caseStateOfRow } from "./case-state-row";
import { countQuotaOutcome } from "./quotas";
import { loadCatiConfig } from "./settings";
import { currentTime } from "@/lib/clock";

export interface RecordCallOutcomeInput {
  interviewerId: string;
  caseId: string;
  outcome: CallOutcome;
  /** APPOINTMENT_DEFINITE: the agreed time. */
  appointmentAt?: Date;
  now?: Date;
}

export interface RecordCallOutcomeResult {
  disposition: DispositionCode;
  final: boolean;
  nextCallAt: Date | null;
  addedToDoNotContact: boolean;
}

type Tx = Prisma.TransactionClient;

interface LockedCase {
  id: string;
  heldById: string | null;
  catiState: unknown;
  attempts: number;
  disposition: string;
  clientId: bigint;
}

/**
 * Records the outcome of the interviewer's call to a case they hold, in one
 * transaction with the case row locked: applyOutcome (lib/cati/schedule.ts) gives
 * the next state; the open CallAttempt is closed with the outcome and the
 * attempt's disposition; the state and its queue columns are stored; an opt-out
 * joins the do-not-contact register; the hold is released.
 */
export async function recordCallOutcome(input: RecordCallOutcomeInput, inTransaction?: Tx): Promise<RecordCallOutcomeResult> {
  const now = input.now ?? currentTime();
  // In the caller's transaction when given (completing an interview: interview.ts).
  const run = <T>(body: (tx: Tx) => Promise<T>) => (inTransaction ? body(inTransaction) : db().$transaction(body));
  return run(async (tx) => {
    const locked = await lockHeldCase({ caseId: input.caseId, interviewerId: input.interviewerId }, tx);
    const config = await loadCatiConfig((text, values) => tx.$queryRawUnsafe(text, ...values));
    const partialThresholdReached = input.outcome === "INTERVIEW_STARTED_STOPPED" ? await partialThresholdOf(tx, input.caseId) : false;
    const result = applyOutcome({
      caseState: caseStateOfRow(locked),
      outcome: input.outcome,
      at: now,
      settings: config.settings,
      appointmentAt: input.appointmentAt,
      interviewerId: input.interviewerId,
      partialThresholdReached,
    });
    if (!result.ok) throw new AppError(result.error.code, result.error.message, result.error.field);
    const state = result.caseState;

    const open = await tx.callAttempt.findFirst({
      where: { sampleCaseId: input.caseId, interviewerId: input.interviewerId, endedAt: null },
      orderBy: { startedAt: "desc" },
      select: { id: true },
    });
    const attempt = { endedAt: now, outcome: input.outcome, disposition: result.attemptDisposition, appointmentAt: state.appointment?.at ?? null };
    if (open) await tx.callAttempt.update({ where: { id: open.id }, data: attempt });
    else await tx.callAttempt.create({ data: { ...attempt, sampleCaseId: input.caseId, interviewerId: input.interviewerId, startedAt: now } });

    await tx.sampleCase.update({
      where: { id: input.caseId },
      data: {
        catiState: caseStateJson(state) as Prisma.InputJsonValue,
        attempts: state.attempts,
        disposition: state.disposition,
        final: state.final,
        nextCallAt: state.nextCallAt,
        appointmentAt: state.appointment?.at ?? null,
        appointmentById: state.appointment?.interviewerId ?? null,
        refusalConversion: state.refusalConversion,
        heldById: null,
        heldUntil: null,
      },
    });

    // A break-off, from the interview or the outcome list: the response keeps its answers and resumes later.
    if (input.outcome === "INTERVIEW_STARTED_STOPPED") {
      await tx.response.updateMany({ where: { sampleCaseId: input.caseId, status: "IN_PROGRESS" }, data: { status: "BROKEN_OFF" } });
    }
    let addedToDoNotContact = false;
    if (result.addToDoNotContact) addedToDoNotContact = await addOptOutToRegister(tx, locked.clientId, input.interviewerId);
    // Quota control (fieldwork.md "Quotas"): a complete (and a partial) counts toward its cell.
    await countQuotaOutcome({ caseId: input.caseId, from: locked.disposition, to: state.disposition }, tx);
    return { disposition: state.disposition, final: state.final, nextCallAt: state.nextCallAt, addedToDoNotContact };
  });
}

/** Locks the case row; refuses unless this interviewer holds it. */
export async function lockHeldCase({ caseId, interviewerId }: { caseId: string; interviewerId: string }, tx: Tx): Promise<LockedCase> {
  const rows = await tx.$queryRaw<LockedCase[]>`
    SELECT "id"::text AS "id", "heldById"::text AS "heldById", "catiState", "attempts", "disposition", "clientId"
    FROM "SampleCase" WHERE "id" = ${caseId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError("CASE_NOT_FOUND", "This case no longer exists.");
  if (row.heldById !== interviewerId) {
    throw new AppError("CASE_NOT_HELD", "You no longer hold this case (it was left idle and another interviewer may have taken it). Take your next case.");
  }
  return row;
}

/** fieldwork.md 1.2: the interview reached the partial threshold (the overall question answered). */
async function partialThresholdOf(tx: Tx, caseId: string): Promise<boolean> {
  const response = await tx.response.findUnique({ where: { sampleCaseId: caseId }, select: { id: true, versionId: true } });
  if (!response) return false;
  const answers = await storedAnswers(tx, response.id);
  return isPartialThreshold({ version: shippedVersion(response.versionId), answers });
}

async function addOptOutToRegister(tx: Tx, clientId: bigint, interviewerId: string): Promise<boolean> {
  const client = await tx.frameClient.findUniqueOrThrow({ where: { id: clientId }, select: { service: true, clientRef: true } });
  const { count } = await tx.doNotContactEntry.createMany({
    data: [{ service: client.service, clientRef: client.clientRef, reason: "Opted out during a telephone interview", addedById: interviewerId }],
    skipDuplicates: true,
  });
  if (count > 0) {
    await recordAuditEvent(tx, {
      actorId: interviewerId,
      action: "do_not_contact.added",
      entityType: "DoNotContactEntry",
      entityId: `${client.service}:${client.clientRef}`,
      details: { reason: "Opted out during a telephone interview" },
    });
  }
  return count > 0;
}
