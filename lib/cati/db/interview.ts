import "server-only";
import { projectCompletedResponse } from "@/lib/results/db/project-completed-response";
import { recordAuditEvent } from "@/lib/audit/record";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { answerFromFields, isEndOfScreening, onRouteScreens, previousScreen, type AnswerFields, type CaseAttributes, type Screen } from "@/lib/questionnaire";
import { clientDisplayName } from "../client-name";
import { loadResponseState, type ResponseState } from "@/lib/responses/load-response-state";
import { saveAnswer } from "@/lib/responses/save-answer";
import { startResponse } from "@/lib/responses/start-response";
import { renewHold } from "./case-screen";
import { isQuotaCellOpenForCase } from "./quotas";
import { recordCallOutcome, type RecordCallOutcomeResult } from "./record-outcome";
import { onlineOnlyVersionIds, versionForCase } from "./version-for-case";
import { openClientPersonal } from "@/lib/privacy/personal";

// The scripted interview of a held case (issue 4 "Interview"): the questionnaire
// runner in interviewer mode over the responses layer (lib/responses: one response
// per case, each answer saved the moment it is given). A break-off keeps every
// answer; the next contact resumes at the first unanswered question. The last
// screen done completes the case (1.1).

async function assertHolds(caseId: string, interviewerId: string, now: Date) {
  if (!(await renewHold({ caseId, interviewerId, now }))) {
    throw new AppError("CASE_NOT_HELD", "You no longer hold this case (it was left idle and may have been taken by another interviewer). Take your next case.");
  }
}

/** Starts the case's interview, or returns the one it has (a break-off resumes). */
export async function startInterview({ caseId, interviewerId, now = currentTime() }: { caseId: string; interviewerId: string; now?: Date }): Promise<string> {
  await assertHolds(caseId, interviewerId, now);
  const existing = await db().response.findUnique({ where: { sampleCaseId: caseId }, select: { id: true, mode: true, status: true, versionId: true } });
  if (existing) {
    // issue 13: a response begun in an online-only wording is never continued by telephone.
    if (onlineOnlyVersionIds().includes(existing.versionId)) {
      throw new AppError(
        "ONLINE_ONLY_RESPONSE",
        "This client has begun the survey online, in its online-only version: it cannot be continued by telephone. Take your next case.",
      );
    }
    // Mixed mode (issue 13): a response started online continues by phone, the
    // same response (each answer keeps its own mode); the switch is recorded.
    if (existing.mode === "ONLINE" && existing.status !== "COMPLETE") {
      await recordAuditEvent(db(), {
        actorId: interviewerId,
        action: "response.mode_switched",
        entityType: "Response",
        entityId: existing.id,
        details: { caseId, from: "ONLINE", to: "PHONE" },
      });
    }
    return existing.id;
  }
  const sampleCase = await db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, select: { sample: { select: { survey: true, month: true } } } });
  const version = versionForCase(sampleCase.sample.survey, sampleCase.sample.month);
  if (!version) throw new AppError("NO_QUESTIONNAIRE", `No telephone questionnaire is in use for ${sampleCase.sample.survey} ${sampleCase.sample.month}.`);
  const { responseId } = await startResponse({ versionId: version.id, mode: "PHONE", sampleCaseId: caseId, now });
  return responseId;
}

export interface InterviewView {
  state: ResponseState;
  screen: Screen;
  /** 1-based position on the route as it stands, and the route's length */
  number: number;
  total: number;
  previous: string | null;
  /** The fills of this screen: the response's attributes and the client's name (personal, never stored with the response). */
  caseAttributes: CaseAttributes;
}

/**
 * The screen to show: the one asked for (Back, or walking forward after Back)
 * when it is on the route, else where the interview stands (resume). Null when
 * every screen is done.
 */
export async function getInterviewView({ caseId, screenId }: { caseId: string; screenId?: string }): Promise<InterviewView | null> {
  const response = await db().response.findUnique({
    where: { sampleCaseId: caseId },
    select: { id: true, sampleCase: { select: { client: { select: { personal: true } } } } },
  });
  if (!response) return null;
  const state = await loadResponseState(response.id);
  const input = { version: state.version, caseAttributes: state.caseAttributes, answers: state.answers };
  const route = onRouteScreens(input);
  const asked = screenId ? route.find((s) => s.id === screenId) : undefined;
  const screen = asked ?? (state.next.done ? null : state.next.screen);
  if (!screen) return null;
  return {
    state,
    screen,
    number: route.findIndex((s) => s.id === screen.id) + 1,
    total: route.length,
    previous: previousScreen({ ...input, current: screen.id })?.id ?? null,
    caseAttributes: {
      ...state.caseAttributes,
      clientName: response.sampleCase ? clientDisplayName(await openClientPersonal(response.sampleCase.client.personal)) : undefined,
    },
  };
}

export type AnswerResult = { done: false; nextScreenId: string } | { done: true; outcome: RecordCallOutcomeResult; quotaFull?: true };

/**
 * Saves the answer given on a screen; past the last screen the case is complete
 * (1.1). At the end of screening (the introduction done, the first question
 * next) a case whose quota cell has filled or closed meanwhile is closed
 * politely as 4.80 (fieldwork.md "Quotas"), not counted as a refusal.
 */
export async function answerInterviewScreen(input: {
  caseId: string;
  interviewerId: string;
  screenId: string;
  fields: AnswerFields;
  expectedRevision?: number;
  now?: Date;
}): Promise<AnswerResult> {
  const now = input.now ?? currentTime();
  await assertHolds(input.caseId, input.interviewerId, now);
  const response = await db().response.findUnique({ where: { sampleCaseId: input.caseId }, select: { id: true } });
  if (!response) throw new AppError("NO_INTERVIEW", "This case's interview has not started.");
  const state = await loadResponseState(response.id);
  const screen = state.version.screens.find((s) => s.id === input.screenId);
  if (!screen) throw new AppError("UNKNOWN_SCREEN", `There is no question ${input.screenId} in ${state.version.id}.`);
  const checked = answerFromFields(screen, input.fields);
  if (!checked.ok) throw new AppError(checked.error.code, checked.error.message, "answer");
  // One transaction: the answer, and when it ends the interview (or screening
  // finds the quota cell full) the call outcome, the case's disposition and the
  // respondent's row in the results. A failure anywhere leaves none of them.
  return db().$transaction(
    async (tx): Promise<AnswerResult> => {
      const saved = await saveAnswer(
        {
          responseId: response.id,
          screenId: input.screenId,
          value: checked.value,
          mode: "PHONE",
          expectedRevision: input.expectedRevision,
          recordedById: input.interviewerId,
          now,
        },
        tx,
      );
      if (!saved.next.done) {
        const endOfScreening = isEndOfScreening({ version: state.version, screen, answersBefore: state.answers, next: saved.next });
        if (endOfScreening && !(await isQuotaCellOpenForCase({ caseId: input.caseId }, tx))) {
          const outcome = await recordCallOutcome({ interviewerId: input.interviewerId, caseId: input.caseId, outcome: "QUOTA_FULL", now }, tx);
          return { done: true, outcome, quotaFull: true };
        }
        return { done: false, nextScreenId: saved.next.screen.id };
      }
      const outcome = await recordCallOutcome({ interviewerId: input.interviewerId, caseId: input.caseId, outcome: "COMPLETE", now }, tx);
      await projectCompletedResponse({ caseId: input.caseId, responseId: response.id, mode: "PHONE", now, tx });
      return { done: true, outcome };
    },
    { timeout: 30_000 },
  );
}

/**
 * The respondent stopped: the answers stay, the case becomes a partial (1.2) or
 * a break-off (2.12) by the partial threshold, and is scheduled to resume.
 */
export async function breakOffInterview({
  caseId,
  interviewerId,
  callbackAt,
  now = currentTime(),
}: {
  caseId: string;
  interviewerId: string;
  callbackAt?: Date;
  now?: Date;
}): Promise<RecordCallOutcomeResult> {
  // recordCallOutcome also marks the response broken off, in the same transaction;
  // an agreed time to carry on is booked as an appointment (schedule.ts).
  return recordCallOutcome({ interviewerId, caseId, outcome: "INTERVIEW_STARTED_STOPPED", appointmentAt: callbackAt, now });
}
