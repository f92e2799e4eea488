import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { REFUSAL_VALUE } from "@/lib/questionnaire";
import { answerInterviewScreen, breakOffInterview, getInterviewView, startInterview } from "./interview";
import { recordCallOutcome } from "./record-outcome";
import { revealPhoneNumber } from "./case-screen";
import { takeNextCase } from "./take-next-case";
import { createInterviewers, drawTestSample } from "./test-cases";
import { runResults } from "@/lib/results/db/run-results";

const WED_10 = new Date("2026-11-25T10:00:00Z");

async function takeOne(month: string) {
  const { sampleId, refs } = await drawTestSample({ n: 1, month, clients: () => ({ csa: "Y", serviceStart: "2015-02-01" }) });
  const [interviewerId, other] = await createInterviewers(2, "outcome");
  const taken = await takeNextCase({ interviewerId, now: WED_10, sampleId });
  if (!taken.ok) throw new Error(taken.reason);
  return { sampleId, ref: refs[0], caseId: taken.caseId, interviewerId, other };
}

describe("recordCallOutcome", () => {
  it("closes the call attempt, stores the schedule, releases the hold", async () => {
    const { caseId, interviewerId } = await takeOne("2017-01");
    const r = await recordCallOutcome({ interviewerId, caseId, outcome: "NO_ANSWER", now: WED_10 });
    expect(r).toMatchObject({ disposition: "3.13", final: false });
    const c = await db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, include: { callAttempts: true } });
    expect(c).toMatchObject({ attempts: 1, disposition: "3.13", final: false, heldById: null, heldUntil: null });
    expect(c.nextCallAt!.getTime()).toBeGreaterThanOrEqual(WED_10.getTime() + 3 * 3600_000);
    expect(c.callAttempts).toHaveLength(1);
    expect(c.callAttempts[0]).toMatchObject({ interviewerId, outcome: "NO_ANSWER", disposition: "3.13", endedAt: WED_10 });
  });

  it("puts an opt-out on the do-not-contact register and ends the case", async () => {
    const { caseId, interviewerId, ref } = await takeOne("2017-02");
    await recordCallOutcome({ interviewerId, caseId, outcome: "OPT_OUT", now: WED_10 });
    expect(await db().doNotContactEntry.findUnique({ where: { service_clientRef: { service: "CMS", clientRef: ref } } })).toMatchObject({
      addedById: interviewerId,
    });
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ final: true, disposition: "2.112" });
    expect(await db().auditEvent.count({ where: { action: "do_not_contact.added", entityId: `CMS:${ref}` } })).toBe(1);
  });

  it("refuses an interviewer who does not hold the case, and a bad appointment with its field", async () => {
    const { caseId, interviewerId, other } = await takeOne("2017-03");
    await expect(recordCallOutcome({ interviewerId: other, caseId, outcome: "NO_ANSWER", now: WED_10 })).rejects.toMatchObject({ code: "CASE_NOT_HELD" });
    const sunday = new Date("2026-11-29T11:00:00Z");
    const err = await recordCallOutcome({ interviewerId, caseId, outcome: "APPOINTMENT_DEFINITE", appointmentAt: sunday, now: WED_10 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "APPOINTMENT_OUTSIDE_CALLING_HOURS", field: "appointmentAt" });
    await expect(revealPhoneNumber({ caseId, interviewerId: other, now: WED_10 })).rejects.toMatchObject({ code: "CASE_NOT_HELD" });
  });
});

describe("the interview", () => {
  it("reveals the phone to the holder only, audited; a break-off past the overall question is a partial that resumes where it stopped; the end is 1.1", async () => {
    const { caseId, interviewerId, sampleId } = await takeOne("2017-04");
    expect(await revealPhoneNumber({ caseId, interviewerId, now: WED_10 })).toBe("+447700900123");
    expect(await db().auditEvent.count({ where: { action: "case.phone_revealed", entityId: caseId, actorId: interviewerId } })).toBe(1);

    await startInterview({ caseId, interviewerId, now: WED_10 });
    const answer = async (screenId: string, answer: string[] = []) => {
      const view = await getInterviewView({ caseId });
      expect(view?.screen.id).toBe(screenId);
      return answerInterviewScreen({ caseId, interviewerId, screenId, fields: { answer }, expectedRevision: view!.state.response.revision, now: WED_10 });
    };
    await answer("INTRO");
    await answer("CONFIDENTIALITY");
    await answer("CMS_SAT", ["SATISFIED"]);
    await answer("CMS_CS_POLITE", [REFUSAL_VALUE]);
    const stopped = await breakOffInterview({ caseId, interviewerId, now: WED_10 });
    expect(stopped).toMatchObject({ disposition: "1.2", final: false });
    expect(await db().response.findUniqueOrThrow({ where: { sampleCaseId: caseId } })).toMatchObject({ status: "BROKEN_OFF" });

    // The next contact (the break-off delay is 3 hours by default): the same interviewer or another.
    const later = new Date(WED_10.getTime() + 4 * 3600_000);
    const [next] = await createInterviewers(1, "resume");
    // Its own sample: another test's retry falls due at the same minute, and ties are broken by case id.
    expect(await takeNextCase({ interviewerId: next, now: later, sampleId })).toMatchObject({ ok: true, caseId, rank: "RETRY" });
    const resumed = await getInterviewView({ caseId });
    expect(resumed?.screen.id).toBe("CMS_CS_COURTESY");
    expect(resumed?.state.answers.CMS_SAT).toEqual({ kind: "choice", code: "SATISFIED" });
    for (const id of [
      "CMS_CS_COURTESY",
      "CMS_CS_SENSITIVE",
      "CMS_CS_IMPARTIAL",
      "CMS_CS_WRITTEN",
      "CMS_CS_KNOWLEDGE",
      "CMS_CS_UNDERSTOOD",
      "CMS_CS_INFORMED",
    ]) {
      const view = await getInterviewView({ caseId });
      const r = await answerInterviewScreen({
        caseId,
        interviewerId: next,
        screenId: id,
        fields: { answer: ["AGREE"] },
        expectedRevision: view!.state.response.revision,
        now: later,
      });
      expect(r.done).toBe(false);
    }
    const end = await answerInterviewScreen({ caseId, interviewerId: next, screenId: "THANK_YOU", fields: { answer: [] }, now: later });
    expect(end).toMatchObject({ done: true, outcome: { disposition: "1.1", final: true } });
    const c = await db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, include: { callAttempts: { orderBy: { startedAt: "asc" } } } });
    expect(c).toMatchObject({ disposition: "1.1", final: true, attempts: 2, heldById: null });
    expect(c.callAttempts.map((a) => [a.outcome, a.disposition])).toEqual([
      ["INTERVIEW_STARTED_STOPPED", "1.2"],
      ["COMPLETE", "1.1"],
    ]);
    // The completed interview is now a respondent in the results, with its design weight.
    const respondent = await db().surveyRespondent.findFirstOrThrow({ where: { respondentRef: `case-${caseId}` } });
    // service_length (a CES raking margin) from the frame's service start, 1 Feb 2015, to the April 2017 contact
    expect(respondent).toMatchObject({
      survey: "CMS",
      source: "FIELDWORK",
      mode: "PHONE",
      weight: c.designWeight,
      csaClosureLetter: "Y",
      serviceLength: "1-3Y",
    });
    expect(respondent.answers).toMatchObject({ CMS_SAT: "SATISFIED", CMS_CS_COURTESY: "AGREE" });
    // Issue 18: it belongs to the contact month its sample drew (April 2017), not to the day it was interviewed (November 2026).
    expect(respondent.periodMonth.toISOString().slice(0, 7)).toBe("2017-04");
    const april = await runResults({ request: { survey: "CMS", measure: "CMS_SAT", from: "2017-04", to: "2017-04" }, detail: true });
    expect(april.results.overall.base).toBe(1);
    expect(april.series!.monthly.map((p) => p.label)).toEqual(["Apr 2017"]);
    expect(april.series!.quarterly.map((p) => p.label)).toEqual(["Quarter ending May 2017"]);
  });

  it("completes a telephone interview in one transaction: a failure in its last step leaves neither a complete response nor a finished case", async () => {
    const { caseId, interviewerId } = await takeOne("2017-05");
    await startInterview({ caseId, interviewerId, now: WED_10 });
    const answer = async (screenId: string, answer: string[] = []) => {
      const view = await getInterviewView({ caseId });
      expect(view?.screen.id).toBe(screenId);
      return answerInterviewScreen({ caseId, interviewerId, screenId, fields: { answer }, expectedRevision: view!.state.response.revision, now: WED_10 });
    };
    await answer("INTRO");
    await answer("CONFIDENTIALITY");
    await answer("CMS_SAT", ["SATISFIED"]);
    for (const id of [
      "CMS_CS_POLITE",
      "CMS_CS_COURTESY",
      "CMS_CS_SENSITIVE",
      "CMS_CS_IMPARTIAL",
      "CMS_CS_WRITTEN",
      "CMS_CS_KNOWLEDGE",
      "CMS_CS_UNDERSTOOD",
      "CMS_CS_INFORMED",
    ])
      await answer(id, ["AGREE"]);

    // The results store refuses this respondent (a real failure in PostgreSQL, in the last step).
    await db().$executeRawUnsafe(
      `CREATE FUNCTION refuse_respondent() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'results store unavailable'; END $$`,
    );
    await db().$executeRawUnsafe(
      `CREATE TRIGGER refuse_respondent BEFORE INSERT ON "SurveyRespondent" FOR EACH ROW WHEN (NEW."respondentRef" = 'case-${caseId}') EXECUTE FUNCTION refuse_respondent()`,
    );
    await expect(answer("THANK_YOU")).rejects.toThrow(/results store unavailable/);
    const response = await db().response.findUniqueOrThrow({ where: { sampleCaseId: caseId }, include: { answers: { select: { questionId: true } } } });
    expect(response).toMatchObject({ status: "IN_PROGRESS", completedAt: null });
    expect(response.answers.map((a) => a.questionId)).not.toContain("THANK_YOU");
    const unfinished = await db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, include: { callAttempts: true } });
    expect(unfinished).toMatchObject({ final: false, disposition: "3.11", heldById: interviewerId });
    expect(unfinished.callAttempts.map((a) => a.outcome)).toEqual([null]);
    expect(await db().surveyRespondent.count({ where: { respondentRef: `case-${caseId}` } })).toBe(0);

    // Once the store takes it again, the same last answer completes the interview.
    await db().$executeRawUnsafe(`DROP TRIGGER refuse_respondent ON "SurveyRespondent"`);
    expect(await answer("THANK_YOU")).toMatchObject({ done: true, outcome: { disposition: "1.1", final: true } });
    expect(await db().response.findUniqueOrThrow({ where: { sampleCaseId: caseId } })).toMatchObject({ status: "COMPLETE" });
    expect(await db().surveyRespondent.count({ where: { respondentRef: `case-${caseId}` } })).toBe(1);
  });
});
