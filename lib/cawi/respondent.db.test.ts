import pg from "pg";
import { describe, expect, it } from "vitest";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import { answerInterviewScreen, breakOffInterview, getInterviewView, startInterview } from "@/lib/cati/db/interview";
import { createInterviewers } from "@/lib/cati/db/test-cases";
import { db, disconnectDb } from "@/lib/db/client";
import { listOutbox } from "./outbox";
import { answerOnline, getRespondentView, openInvitationByAccessCode, openInvitationByToken, startOnlineResponse, withdrawOnline } from "./respondent";
import { sendInvitations } from "./send-invitations";
import { drawOnlineSample, firstAnswer } from "./test-samples";
import { newAccessCode, newLinkToken } from "./tokens";

const NOW = new Date("2026-11-25T10:00:00Z");
const LATER = new Date("2026-11-25T10:05:00Z");
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

/** One invited case; its link's token and the letter's code when it has one. */
async function invitedCase(month: string, options: { mode?: "ONLINE" | "MIXED"; letter?: boolean } = {}) {
  const { sampleId, refs, caseIdOf } = await drawOnlineSample({
    n: 1,
    month,
    mode: options.mode,
    clients: () => (options.letter ? { email: "", phone: "" } : {}),
  });
  await sendInvitations({ sampleId, now: NOW });
  const [message] = await listOutbox({ sampleId });
  const caseId = caseIdOf(refs[0]);
  return { sampleId, caseId, ref: refs[0], token: message.link!.split("/s/")[1], accessCode: message.accessCode };
}

async function openedCase(month: string, options: { mode?: "ONLINE" | "MIXED" } = {}) {
  const c = await invitedCase(month, options);
  const opened = await openInvitationByToken({ token: c.token, ip: freshIp(), now: NOW });
  if (!opened.ok) throw new Error(opened.reason);
  return { ...c, invitationId: opened.invitationId };
}

/** Answers the screen shown with its first answer; returns what the post led to. */
async function answerShown(invitationId: string, now = LATER) {
  const view = await getRespondentView({ invitationId, now });
  if (view.kind !== "screen") throw new Error(`no screen: ${view.kind}`);
  return answerOnline({
    invitationId,
    screenId: view.screen.id,
    fields: firstAnswer(view.screen),
    expectedRevision: view.revision,
    intent: "continue",
    ip: freshIp(),
    now,
  });
}

async function caseRow(caseId: string) {
  return db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, include: { callAttempts: { orderBy: { id: "asc" } } } });
}

describe("opening a link or an access code", () => {
  it("a valid link opens once as 3.112 (logged on, nothing answered) in the case's call history, mode ONLINE, no interviewer", async () => {
    const c = await openedCase("2016-05");
    const row = await caseRow(c.caseId);
    expect(row).toMatchObject({ disposition: "3.112", final: false });
    expect(row.callAttempts).toEqual([expect.objectContaining({ mode: "ONLINE", interviewerId: null, outcome: "WEB_LOGGED_ON", disposition: "3.112" })]);
    expect(await getRespondentView({ invitationId: c.invitationId, now: NOW })).toEqual({ kind: "start" });
    // Opening it again adds nothing to the history.
    await openInvitationByToken({ token: c.token, ip: freshIp(), now: LATER });
    expect((await caseRow(c.caseId)).callAttempts).toHaveLength(1);
  });

  it("unknown, malformed, expired and withdrawn links all give the same answer", async () => {
    const ip = freshIp();
    expect(await openInvitationByToken({ token: newLinkToken(), ip, now: NOW })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    expect(await openInvitationByToken({ token: "../../etc/passwd", ip, now: NOW })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    const expired = await invitedCase("2016-06");
    const afterExpiry = new Date(NOW.getTime() + 29 * 24 * 3600_000);
    expect(await openInvitationByToken({ token: expired.token, ip, now: afterExpiry })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    const withdrawn = await openedCase("2016-07");
    expect(await withdrawOnline({ invitationId: withdrawn.invitationId, doNotContact: false, now: LATER })).toBe(true);
    expect(await openInvitationByToken({ token: withdrawn.token, ip, now: LATER })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    expect(await getRespondentView({ invitationId: withdrawn.invitationId, now: LATER })).toEqual({ kind: "unavailable" });
  });

  it("a letter's access code opens its invitation, typed in lower case with spaces; a wrong code does not", async () => {
    const c = await invitedCase("2016-08", { letter: true });
    expect(c.accessCode).toBeTruthy();
    const typed = ` ${c.accessCode!.toLowerCase().replaceAll("-", " ")} `;
    const opened = await openInvitationByAccessCode({ accessCode: typed, ip: freshIp(), now: NOW });
    expect(opened.ok).toBe(true);
    expect(await openInvitationByAccessCode({ accessCode: newAccessCode(), ip: freshIp(), now: NOW })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    expect(await openInvitationByAccessCode({ accessCode: "not a code", ip: freshIp(), now: NOW })).toEqual({ ok: false, reason: "UNAVAILABLE" });
  });

  it("rate limits guessing per address: after 30 look-ups in 10 minutes even a valid link or code waits; other addresses are not affected", async () => {
    const c = await invitedCase("2016-09", { letter: true });
    const guesser = freshIp();
    for (let i = 0; i < 30; i++) expect((await openInvitationByToken({ token: newLinkToken(), ip: guesser, now: NOW })).ok).toBe(false);
    expect(await openInvitationByToken({ token: c.token, ip: guesser, now: NOW })).toEqual({ ok: false, reason: "RATE_LIMITED" });
    expect(await openInvitationByAccessCode({ accessCode: c.accessCode!, ip: guesser, now: NOW })).toEqual({ ok: false, reason: "RATE_LIMITED" });
    expect((await openInvitationByToken({ token: c.token, ip: freshIp(), now: NOW })).ok).toBe(true);
    // The next window starts afresh.
    expect((await openInvitationByToken({ token: c.token, ip: guesser, now: new Date(NOW.getTime() + 11 * 60_000) })).ok).toBe(true);

    const codeGuesser = freshIp();
    for (let i = 0; i < 30; i++) await openInvitationByAccessCode({ accessCode: newAccessCode(), ip: codeGuesser, now: NOW });
    expect(await openInvitationByAccessCode({ accessCode: c.accessCode!, ip: codeGuesser, now: NOW })).toEqual({ ok: false, reason: "RATE_LIMITED" });
  });
});

describe("answering online", () => {
  it("completes the questionnaire: 1.1 in the call history, the invitation completed, a respondent in results with mode ONLINE", async () => {
    const c = await openedCase("2016-10");
    expect(await startOnlineResponse({ invitationId: c.invitationId, now: NOW })).toBe(true);
    let outcome;
    for (let i = 0; i < 30; i++) {
      outcome = await answerShown(c.invitationId);
      if (outcome.kind !== "next") break;
    }
    expect(outcome).toEqual({ kind: "completed" });
    const row = await caseRow(c.caseId);
    expect(row).toMatchObject({ disposition: "1.1", final: true });
    expect(row.callAttempts.at(-1)).toMatchObject({ mode: "ONLINE", interviewerId: null, outcome: "WEB_COMPLETE", disposition: "1.1" });
    const response = await db().response.findUniqueOrThrow({ where: { sampleCaseId: c.caseId }, include: { answers: true } });
    expect(response).toMatchObject({ status: "COMPLETE", mode: "ONLINE", versionId: "CMS-2015ONLINE" });
    expect(response.answers.every((a) => a.mode === "ONLINE" && a.answeredById === null)).toBe(true);
    const respondent = await db().surveyRespondent.findUniqueOrThrow({ where: { survey_respondentRef: { survey: "CMS", respondentRef: `case-${c.caseId}` } } });
    expect(respondent).toMatchObject({ mode: "ONLINE", source: "FIELDWORK", questionnaireVersion: "CMS-2015ONLINE" });
    expect((respondent.answers as Record<string, string>).CMS_SAT).toBe("VERY_SATISFIED");
    expect(await getRespondentView({ invitationId: c.invitationId, now: LATER })).toEqual({ kind: "completed" });
    // The link still opens, to say so.
    expect((await openInvitationByToken({ token: c.token, ip: freshIp(), now: LATER })).ok).toBe(true);
  });

  it("a MIXED case waiting in the telephone queue leaves it the moment it completes online", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 2, month: "2016-11", mode: "MIXED" });
    await sendInvitations({ sampleId, now: NOW });
    // The draw makes a MIXED sample's contactable-online cases ONLINE; the mixed-mode
    // switch (a later job) moves them to MIXED with a call time: the telephone queue.
    await db().sampleCase.updateMany({ where: { sampleId }, data: { mode: "MIXED", nextCallAt: new Date(NOW.getTime() - 3600_000) } });
    const [online, other] = [caseIdOf(refs[0]), caseIdOf(refs[1])];
    const message = (await listOutbox({ sampleId })).find((m) => m.caseId === online)!;
    const opened = await openInvitationByToken({ token: message.link!.split("/s/")[1], ip: freshIp(), now: NOW });
    if (!opened.ok) throw new Error(opened.reason);
    await startOnlineResponse({ invitationId: opened.invitationId, now: NOW });
    for (let i = 0; i < 30; i++) if ((await answerShown(opened.invitationId)).kind !== "next") break;
    expect(await caseRow(online)).toMatchObject({ disposition: "1.1", final: true, nextCallAt: null });

    const [first, second] = await createInterviewers(2, "cawi");
    const wedMorning = new Date("2026-11-25T11:00:00Z");
    expect(await takeNextCase({ interviewerId: first, sampleId, now: wedMorning })).toMatchObject({ ok: true, caseId: other });
    expect(await takeNextCase({ interviewerId: second, sampleId, now: wedMorning })).toEqual({ ok: false, reason: "NOTHING_DUE" });
  });

  it("a response begun by telephone and continued online is shown in the online wording, its answers kept in the version it began in", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 1, month: "2017-09", mode: "MIXED" });
    await sendInvitations({ sampleId, now: NOW });
    await db().sampleCase.updateMany({ where: { sampleId }, data: { mode: "MIXED", nextCallAt: new Date(NOW.getTime() - 3600_000) } });
    const caseId = caseIdOf(refs[0]);
    const [interviewer] = await createInterviewers(1, "cawi-phone-first");
    const phoneTime = new Date("2026-11-25T11:00:00Z");
    expect(await takeNextCase({ interviewerId: interviewer, sampleId, now: phoneTime })).toMatchObject({ ok: true, caseId });
    await startInterview({ caseId, interviewerId: interviewer, now: phoneTime });
    // By telephone: the introduction, confidentiality and the overall question, then the client has to go.
    for (let i = 0; i < 3; i++) {
      const view = await getInterviewView({ caseId });
      if (!view) throw new Error("no interview screen");
      await answerInterviewScreen({ caseId, interviewerId: interviewer, screenId: view.screen.id, fields: firstAnswer(view.screen), now: phoneTime });
    }
    await breakOffInterview({ caseId, interviewerId: interviewer, now: phoneTime });

    const message = (await listOutbox({ sampleId })).find((m) => m.caseId === caseId)!;
    const opened = await openInvitationByToken({ token: message.link!.split("/s/")[1], ip: freshIp(), now: LATER });
    if (!opened.ok) throw new Error(opened.reason);
    const view = await getRespondentView({ invitationId: opened.invitationId, now: LATER });
    if (view.kind !== "screen") throw new Error(`no screen: ${view.kind}`);
    // The next question, in the self-completion words of CMS-2015ONLINE, not the script read out by telephone.
    expect(view.screen.id).toBe("CMS_CS_POLITE");
    expect(view.screen.kind === "single" && view.screen.blockIntro).toMatch(/^Thinking about the last telephone conversation you had about your case/);
    expect(JSON.stringify(view.screen)).not.toMatch(/interviewerInstruction|Read out/);
    expect(view.number).toBe(4);

    let outcome;
    for (let i = 0; i < 30; i++) {
      outcome = await answerShown(opened.invitationId);
      if (outcome.kind !== "next") break;
    }
    expect(outcome).toEqual({ kind: "completed" });
    const response = await db().response.findUniqueOrThrow({ where: { sampleCaseId: caseId }, include: { answers: true } });
    expect(response).toMatchObject({ status: "COMPLETE", versionId: "CMS-2015" });
    const modeOf = new Map(response.answers.map((a) => [a.questionId, a.mode]));
    expect(modeOf.get("CMS_SAT")).toBe("PHONE");
    expect(modeOf.get("CMS_CS_POLITE")).toBe("ONLINE");
    expect(await caseRow(caseId)).toMatchObject({ disposition: "1.1", final: true });
  });

  it("at the end of screening a full or closed quota cell thanks the respondent and closes the case as 4.80", async () => {
    const c = await openedCase("2016-12");
    const { stratumId } = await db().sampleCase.findUniqueOrThrow({ where: { id: c.caseId }, select: { stratumId: true } });
    await db().quotaCell.create({ data: { sampleId: c.sampleId, stratumId, target: 1, completes: 1 } });
    await startOnlineResponse({ invitationId: c.invitationId, now: NOW });
    expect(await answerShown(c.invitationId)).toMatchObject({ kind: "next" }); // introduction
    expect(await answerShown(c.invitationId)).toEqual({ kind: "quota-full" }); // confidentiality: end of screening
    const row = await caseRow(c.caseId);
    expect(row).toMatchObject({ disposition: "4.80", final: true });
    expect(row.callAttempts.at(-1)).toMatchObject({ mode: "ONLINE", outcome: "WEB_QUOTA_FULL", disposition: "4.80" });
    expect(await getRespondentView({ invitationId: c.invitationId, now: LATER })).toEqual({ kind: "quota-full" });
  });

  it("Save and come back later: 3.112 with nothing answered, 1.2 after the overall question; the link resumes at the first unanswered question", async () => {
    const c = await openedCase("2017-01");
    await startOnlineResponse({ invitationId: c.invitationId, now: NOW });
    await answerShown(c.invitationId); // introduction
    await answerShown(c.invitationId); // confidentiality
    const atSat = await getRespondentView({ invitationId: c.invitationId, now: LATER });
    expect(atSat).toMatchObject({ kind: "screen", screen: { id: "CMS_SAT" } });
    // Nothing answered yet (the introduction screens are not answers): still 3.112.
    expect(
      await answerOnline({ invitationId: c.invitationId, screenId: "CMS_SAT", fields: { answer: [] }, intent: "save", ip: freshIp(), now: LATER }),
    ).toEqual({ kind: "saved" });
    expect(await caseRow(c.caseId)).toMatchObject({ disposition: "3.112", final: false });

    // Save with an answer given: it is kept, and the case becomes a partial.
    expect(
      await answerOnline({
        invitationId: c.invitationId,
        screenId: "CMS_SAT",
        fields: { answer: ["DISSATISFIED"] },
        intent: "save",
        ip: freshIp(),
        now: LATER,
      }),
    ).toEqual({ kind: "saved" });
    const row = await caseRow(c.caseId);
    expect(row).toMatchObject({ disposition: "1.2", final: false });
    expect(row.callAttempts.map((a) => a.disposition)).toEqual(["3.112", "1.2"]);
    expect(await db().response.findUniqueOrThrow({ where: { sampleCaseId: c.caseId } })).toMatchObject({ status: "BROKEN_OFF" });

    // Coming back: the first unanswered question, and Back shows the kept answer.
    await openInvitationByToken({ token: c.token, ip: freshIp(), now: LATER });
    const resumed = await getRespondentView({ invitationId: c.invitationId, now: LATER });
    expect(resumed).toMatchObject({ kind: "screen", screen: { id: "CMS_CS_POLITE" }, previous: "CMS_SAT" });
    expect(await getRespondentView({ invitationId: c.invitationId, screenId: "CMS_SAT", now: LATER })).toMatchObject({
      kind: "screen",
      fields: { answer: ["DISSATISFIED"] },
    });
  });

  it("a refused answer comes back with its message and nothing stored", async () => {
    const c = await openedCase("2017-02");
    await startOnlineResponse({ invitationId: c.invitationId, now: NOW });
    await answerShown(c.invitationId);
    await answerShown(c.invitationId);
    expect(
      await answerOnline({ invitationId: c.invitationId, screenId: "CMS_SAT", fields: { answer: [] }, intent: "continue", ip: freshIp(), now: LATER }),
    ).toEqual({ kind: "error", screenId: "CMS_SAT", code: "NO_SELECTION" });
    expect(await getRespondentView({ invitationId: c.invitationId, screenId: "CMS_SAT", errorCode: "NO_SELECTION", now: LATER })).toMatchObject({
      error: "Select an answer.",
    });
    expect(
      await answerOnline({
        invitationId: c.invitationId,
        screenId: "CMS_SAT",
        fields: { answer: ["<script>"] },
        intent: "continue",
        ip: freshIp(),
        now: LATER,
      }),
    ).toMatchObject({ kind: "error" });
    expect(await db().answer.count({ where: { response: { sampleCaseId: c.caseId }, questionId: "CMS_SAT" } })).toBe(0);
  });

  it("withdrawing is a refusal (2.111), final, and joins the do-not-contact register when asked", async () => {
    const c = await openedCase("2017-03");
    expect(await withdrawOnline({ invitationId: c.invitationId, doNotContact: true, now: LATER })).toBe(true);
    const row = await caseRow(c.caseId);
    expect(row).toMatchObject({ disposition: "2.111", final: true });
    expect(row.callAttempts.at(-1)).toMatchObject({ mode: "ONLINE", outcome: "WEB_REFUSAL", disposition: "2.111" });
    expect(await db().doNotContactEntry.findUnique({ where: { service_clientRef: { service: "CMS", clientRef: c.ref } } })).toMatchObject({ addedById: null });
    expect(await withdrawOnline({ invitationId: c.invitationId, doNotContact: true, now: LATER })).toBe(false);
  });

  it("a crash between two answers loses neither: each answer is committed when its page is posted", async () => {
    const c = await openedCase("2017-04");
    await startOnlineResponse({ invitationId: c.invitationId, now: NOW });
    await answerShown(c.invitationId);
    await answerShown(c.invitationId);
    const committed = async () => {
      // Read through a connection of its own: only committed rows are visible to it.
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      try {
        const r = await client.query<{ questionId: string }>(
          `SELECT a."questionId" FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId" WHERE r."sampleCaseId" = $1::uuid ORDER BY a."id"`,
          [c.caseId],
        );
        return r.rows.map((x) => x.questionId);
      } finally {
        await client.end();
      }
    };
    await answerOnline({ invitationId: c.invitationId, screenId: "CMS_SAT", fields: { answer: ["SATISFIED"] }, intent: "continue", ip: freshIp(), now: LATER });
    await disconnectDb(); // the app stops between two answers
    expect(await committed()).toEqual(["INTRO", "CONFIDENTIALITY", "CMS_SAT"]);
    await answerOnline({
      invitationId: c.invitationId,
      screenId: "CMS_CS_POLITE",
      fields: { answer: ["AGREE"] },
      intent: "continue",
      ip: freshIp(),
      now: LATER,
    });
    await disconnectDb();
    expect(await committed()).toEqual(["INTRO", "CONFIDENTIALITY", "CMS_SAT", "CMS_CS_POLITE"]);
    expect(await getRespondentView({ invitationId: c.invitationId, now: LATER })).toMatchObject({ kind: "screen", screen: { id: "CMS_CS_COURTESY" } });
  });

  it("a case finished by telephone meanwhile (a refusal) closes its link", async () => {
    const refused = await openedCase("2017-06");
    await db().sampleCase.update({ where: { id: refused.caseId }, data: { final: true, disposition: "2.112" } });
    expect(await getRespondentView({ invitationId: refused.invitationId, now: LATER })).toEqual({ kind: "unavailable" });
    expect(await openInvitationByToken({ token: refused.token, ip: freshIp(), now: LATER })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    expect(await startOnlineResponse({ invitationId: refused.invitationId, now: LATER })).toBe(false);
  });

  it("rate limits answer posts per link", async () => {
    const c = await openedCase("2017-05");
    await startOnlineResponse({ invitationId: c.invitationId, now: NOW });
    const post = () => answerOnline({ invitationId: c.invitationId, screenId: "INTRO", fields: { answer: [] }, intent: "continue", ip: freshIp(), now: LATER });
    for (let i = 0; i < 200; i++) await post();
    expect(await post()).toEqual({ kind: "rate-limited" });
  });
});
