import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getQuestionnaireVersion, nextScreen, type CaseAttributes, type QuestionnaireVersion } from "@/lib/questionnaire";
import { sampleCaseAttributes } from "@/lib/responses/case-attributes";
import { parseCaseAttributes, storedAnswers } from "@/lib/responses/stored-answers";
import { sampleLabel, type SampleSurvey } from "@/lib/sampling/surveys";
import { mayLeaveMessage } from "../schedule";
import { caseStateOfRow } from "./case-state-row";
import { loadCatiConfig } from "./settings";
import { versionForCase } from "./version-for-case";
import { currentTime } from "@/lib/clock";
import { clientDisplayName } from "../client-name";
import { CALL_HISTORY_SELECT, callHistory, type CallHistoryEntry } from "./call-history";
import { openClientPersonal } from "@/lib/privacy/personal";

// What the case screen shows (issue 4 "Case screen"): the fills (role, contact
// reason and month), the attempt history and the interview's progress. Never the
// phone number: revealPhoneNumber gives it to the holder only, audited.

export interface CaseScreen {
  id: string;
  survey: SampleSurvey;
  month: string;
  sampleLabel: string;
  role: string;
  contactReason: string;
  contactDate: Date;
  disposition: string;
  final: boolean;
  attempts: number;
  heldByMe: boolean;
  heldUntil: Date | null;
  appointmentAt: Date | null;
  refusalConversion: boolean;
  mayLeaveMessage: boolean;
  maxAttempts: number;
  history: CallHistoryEntry[];
  /** The questionnaire this case is interviewed with (null: none is in use for its survey and month). */
  version: QuestionnaireVersion | null;
  /**
   * What the questionnaire's fills read (the response's, fixed when it started),
   * with the client's name (never stored with the response: personal).
   */
  caseAttributes: CaseAttributes;
  /** Title, first and last name from the frame, when given: for the interviewer holding the case. */
  clientName: string | undefined;
  interview: { status: "IN_PROGRESS" | "COMPLETE" | "BROKEN_OFF"; answered: number; resumeAt: string | null } | null;
}

export async function getCaseScreen({ caseId, interviewerId }: { caseId: string; interviewerId: string }): Promise<CaseScreen> {
  const row = await db().sampleCase.findUnique({
    where: { id: caseId },
    include: {
      sample: { select: { survey: true, month: true, sequence: true, period: true } },
      // the contact that put the client in the sample (the frame row may hold a later one)
      stratum: { select: { role: true, contactReason: true } },
      client: { select: { contactDate: true, personal: true } },
      callAttempts: CALL_HISTORY_SELECT,
      response: { select: { id: true, status: true, versionId: true, caseAttributes: true } },
    },
  });
  if (!row) throw new AppError("CASE_NOT_FOUND", "There is no such case.");
  const { settings } = await loadCatiConfig();
  const state = caseStateOfRow(row);
  let interview: CaseScreen["interview"] = null;
  const caseAttributes = row.response ? parseCaseAttributes(row.response.caseAttributes) : await sampleCaseAttributes(db(), caseId);
  const version = row.response ? (getQuestionnaireVersion(row.response.versionId) ?? null) : versionForCase(row.sample.survey, row.sample.month);
  if (row.response && version) {
    const answers = await storedAnswers(db(), row.response.id);
    const next = nextScreen({ version, caseAttributes, answers });
    interview = { status: row.response.status, answered: Object.keys(answers).length, resumeAt: next.done ? null : next.screen.id };
  }
  const clientName = clientDisplayName(await openClientPersonal(row.client.personal));
  return {
    id: row.id,
    survey: row.sample.survey,
    month: row.sample.month,
    sampleLabel: sampleLabel(row.sample),
    role: row.stratum.role,
    contactReason: row.stratum.contactReason,
    contactDate: row.client.contactDate,
    disposition: row.disposition,
    final: row.final,
    attempts: row.attempts,
    heldByMe: row.heldById === interviewerId,
    heldUntil: row.heldUntil,
    appointmentAt: row.appointmentAt,
    refusalConversion: row.refusalConversion,
    mayLeaveMessage: mayLeaveMessage(state, settings),
    maxAttempts: settings.maxAttempts,
    history: callHistory(row.callAttempts),
    version,
    caseAttributes: { ...caseAttributes, clientName },
    clientName,
    interview,
  };
}

/**
 * The client's phone number, for the interviewer holding the case only; every
 * reveal is written to the audit log. Renews the hold (the interviewer is working it).
 */
export async function revealPhoneNumber({
  caseId,
  interviewerId,
  now = currentTime(),
}: {
  caseId: string;
  interviewerId: string;
  now?: Date;
}): Promise<string> {
  const { settings } = await loadCatiConfig();
  return db().$transaction(async (tx) => {
    const row = await tx.sampleCase.findUnique({ where: { id: caseId }, select: { heldById: true, final: true, client: { select: { personal: true } } } });
    if (!row) throw new AppError("CASE_NOT_FOUND", "There is no such case.");
    if (row.heldById !== interviewerId || row.final) {
      throw new AppError("CASE_NOT_HELD", "Only the interviewer holding this case can see the phone number. Take your next case.");
    }
    const { phone } = await openClientPersonal(row.client.personal);
    if (!phone) throw new AppError("NO_PHONE", "This client has no phone number on the frame.");
    await tx.sampleCase.update({ where: { id: caseId }, data: { heldUntil: new Date(now.getTime() + settings.holdExpiryMinutes * 60_000) } });
    await recordAuditEvent(tx, { actorId: interviewerId, action: "case.phone_revealed", entityType: "SampleCase", entityId: caseId });
    return phone;
  });
}

/**
 * Keeps the interviewer's hold alive while they work the case (fieldwork.md: only
 * an abandoned hold expires). False when they no longer hold it.
 */
export async function renewHold({ caseId, interviewerId, now = currentTime() }: { caseId: string; interviewerId: string; now?: Date }): Promise<boolean> {
  const { settings } = await loadCatiConfig();
  const { count } = await db().sampleCase.updateMany({
    where: { id: caseId, heldById: interviewerId, final: false },
    data: { heldUntil: new Date(now.getTime() + settings.holdExpiryMinutes * 60_000) },
  });
  return count > 0;
}
