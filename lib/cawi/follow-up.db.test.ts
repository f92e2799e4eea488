import { describe, expect, it } from "vitest";
import { startInterview } from "@/lib/cati/db/interview";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import { createInterviewers } from "@/lib/cati/db/test-cases";
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";
import { startJobRunner, FOLLOW_UP_QUEUE } from "@/lib/jobs/runner";
import { runFollowUp } from "./follow-up";
import type { FollowUpSettings } from "./follow-up-rules";
import { listOutbox } from "./outbox";
import { answerOnline, getRespondentView, openInvitationByToken, startOnlineResponse, withdrawOnline } from "./respondent";
import { sendInvitations } from "./send-invitations";
import { drawOnlineSample, firstAnswer } from "./test-samples";

// Reminders, link expiry and the mixed-mode switch (issue 13): the follow-up
// job's work, run at chosen times after the invitations (Monday 2 November 2026).
const SENT = new Date("2026-11-02T10:00:00Z");
const day = (n: number, hours = 0) => new Date(SENT.getTime() + n * 24 * 3600_000 + hours * 3600_000);
const SETTINGS: FollowUpSettings = { reminderAfterDays: 7, maxReminders: 2, switchGraceDays: 3 };
let ip = 0;
const freshIp = () => `203.0.113.${++ip}`;

async function open(link: string, now: Date) {
  const opened = await openInvitationByToken({ token: link.split("/s/")[1], ip: freshIp(), now });
  if (!opened.ok) throw new Error(opened.reason);
  return opened.invitationId;
}

async function completeOnline(invitationId: string, now: Date) {
  await startOnlineResponse({ invitationId, now });
  for (let i = 0; i < 30; i++) {
    const view = await getRespondentView({ invitationId, now });
    if (view.kind !== "screen") return view.kind;
    await answerOnline({
      invitationId,
      screenId: view.screen.id,
      fields: firstAnswer(view.screen),
      expectedRevision: view.revision,
      intent: "continue",
      ip: freshIp(),
      now,
    });
  }
  return "unfinished";
}

/** Opens the link and answers the CMS online questionnaire up to the overall question: not at all, refusing it, or answering it; then goes away. */
async function untilOverallQuestion(link: string, overall: "none" | "refused" | "answered", now: Date) {
  const invitationId = await open(link, now);
  await startOnlineResponse({ invitationId, now });
  for (let i = 0; i < 5; i++) {
    const view = await getRespondentView({ invitationId, now });
    if (view.kind !== "screen") throw new Error(view.kind);
    if (view.screen.id === "CMS_SAT") {
      if (overall === "none") return;
      const fields = overall === "refused" ? { answer: ["-REFUSED"] } : firstAnswer(view.screen);
      expect(
        await answerOnline({ invitationId, screenId: "CMS_SAT", fields, expectedRevision: view.revision, intent: "continue", ip: freshIp(), now }),
      ).toMatchObject({ kind: "next" });
      return;
    }
    await answerOnline({
      invitationId,
      screenId: view.screen.id,
      fields: firstAnswer(view.screen),
      expectedRevision: view.revision,
      intent: "continue",
      ip: freshIp(),
      now,
    });
  }
  throw new Error("never reached the overall question");
}

const reminderCases = async (sampleId: string) =>
  (await listOutbox({ sampleId }))
    .filter((m) => m.kind === "REMINDER")
    .map((m) => m.caseId)
    .sort();

describe("the follow-up of online invitations", () => {
  it("reminds non-respondents only, the set days apart and no more than the set number; a reminder's link opens the same invitation", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 4, month: "2018-01" });
    await sendInvitations({ sampleId, now: SENT });
    const invitation = new Map((await listOutbox({ sampleId })).map((m) => [m.caseId, m.link!]));
    const [completed, withdrawn, opened, silent] = refs.map(caseIdOf);
    expect(await completeOnline(await open(invitation.get(completed)!, day(1)), day(1))).toBe("completed");
    await withdrawOnline({ invitationId: await open(invitation.get(withdrawn)!, day(1)), doNotContact: false, now: day(1) });
    await open(invitation.get(opened)!, day(1)); // logged on, answered nothing: still a non-respondent

    expect(await runFollowUp({ now: day(6, 23), settings: SETTINGS, sampleId })).toMatchObject({ reminders: 0 });
    expect(await runFollowUp({ now: day(7), settings: SETTINGS, sampleId })).toMatchObject({ reminders: 2, switchedToTelephone: 0, expired: 0 });
    expect(await reminderCases(sampleId)).toEqual([opened, silent].sort());
    expect(await runFollowUp({ now: day(7, 1), settings: SETTINGS, sampleId })).toMatchObject({ reminders: 0 });
    expect(await runFollowUp({ now: day(14), settings: SETTINGS, sampleId })).toMatchObject({ reminders: 2 });
    expect(await runFollowUp({ now: day(21), settings: SETTINGS, sampleId })).toMatchObject({ reminders: 0 });

    const reminders = (await listOutbox({ sampleId })).filter((m) => m.kind === "REMINDER" && m.caseId === silent);
    expect(reminders).toHaveLength(2);
    const latest = reminders[0]!;
    expect(latest).toMatchObject({ channel: "EMAIL", status: "LOCAL", to: `${refs[3]}@example.com` });
    expect(latest.link).not.toBe(invitation.get(silent));
    // Both the reminder's link and the invitation's own open the one invitation.
    expect(await open(latest.link!, day(21))).toBe(await open(invitation.get(silent)!, day(21)));
    expect(await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: silent } })).toMatchObject({ remindersSent: 2, status: "ACTIVE" });
    expect(await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: completed } })).toMatchObject({ remindersSent: 0, status: "COMPLETED" });
  });

  it("switches a MIXED sample's silent online case to the telephone queue after the last reminder's grace period, and completing online takes it out again", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 2, month: "2018-02", mode: "MIXED", clients: (_, i) => (i === 1 ? { phone: "" } : {}) });
    await sendInvitations({ sampleId, now: SENT });
    const [silent, noPhone] = refs.map(caseIdOf);
    const settings = { ...SETTINGS, maxReminders: 1 };
    expect(await runFollowUp({ now: day(7), settings, sampleId })).toMatchObject({ reminders: 2, switchedToTelephone: 0 });
    expect(await runFollowUp({ now: day(9, 23), settings, sampleId })).toMatchObject({ switchedToTelephone: 0 });
    const [interviewerId] = await createInterviewers(1, "followup");
    expect(await takeNextCase({ interviewerId, sampleId, now: day(9, 23) })).toMatchObject({ ok: false });

    // Thursday 12 November, 10:00: the grace period is over.
    expect(await runFollowUp({ now: day(10), settings, sampleId })).toMatchObject({ switchedToTelephone: 1, reminders: 0 });
    expect(await runFollowUp({ now: day(10, 1), settings, sampleId })).toMatchObject({ switchedToTelephone: 0 });
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: silent } })).toMatchObject({ mode: "MIXED", nextCallAt: day(10) });
    // A client with no telephone number stays online only.
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: noPhone } })).toMatchObject({ mode: "ONLINE", nextCallAt: null });
    expect(await db().auditEvent.count({ where: { action: "case.switched_to_telephone", entityId: silent } })).toBe(1);
    expect(await takeNextCase({ interviewerId, sampleId, now: day(10) })).toMatchObject({ ok: true, caseId: silent });
    await db().sampleCase.update({ where: { id: silent }, data: { heldById: null, heldUntil: null } });

    // The way back: the respondent completes online after all; the case leaves the queue.
    const link = (await listOutbox({ sampleId })).find((m) => m.caseId === silent && m.kind === "INVITATION")!.link!;
    expect(await completeOnline(await open(link, day(10, 1)), day(10, 1))).toBe("completed");
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: silent } })).toMatchObject({ disposition: "1.1", final: true, nextCallAt: null });
    expect(await takeNextCase({ interviewerId, sampleId, now: day(10, 2) })).toMatchObject({ ok: false });
  });

  it("closes expired links (the page then reveals nothing), reminds no more, and switches a MIXED case whose link expired first", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 1, month: "2018-03", mode: "MIXED" });
    await sendInvitations({ sampleId, now: SENT });
    const [link] = (await listOutbox({ sampleId })).map((m) => m.link!);
    const settings = { reminderAfterDays: 30, maxReminders: 1, switchGraceDays: 30 };
    expect(await runFollowUp({ now: day(28), settings, sampleId })).toEqual({ reminders: 0, expired: 1, switchedToTelephone: 1, delivered: 0 });
    expect(await db().invitation.findUniqueOrThrow({ where: { sampleCaseId: caseIdOf(refs[0]) } })).toMatchObject({ status: "EXPIRED", closedAt: day(28) });
    expect(await openInvitationByToken({ token: link.split("/s/")[1], ip: freshIp(), now: day(28) })).toEqual({ ok: false, reason: "UNAVAILABLE" });
    expect(await runFollowUp({ now: day(31), settings, sampleId })).toEqual({ reminders: 0, expired: 0, switchedToTelephone: 0, delivered: 0 });
    // A MIXED case goes on by telephone: its link's expiry writes no web outcome and does not close it.
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: caseIdOf(refs[0]) }, include: { callAttempts: true } })).toMatchObject({
      mode: "MIXED",
      final: false,
      disposition: "3.11",
      callAttempts: [],
    });
  });

  it("closes an online-only case when its link expires, with the web disposition of how far the respondent got, in its call history", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 4, month: "2018-05" });
    await sendInvitations({ sampleId, now: SENT });
    const link = new Map((await listOutbox({ sampleId })).map((m) => [m.caseId, m.link!]));
    const [neverOpened, loggedOn, brokeOff, partial] = refs.map(caseIdOf);
    // Each stops where it stops and simply goes away (no "Save and come back later").
    await untilOverallQuestion(link.get(loggedOn)!, "none", day(2));
    await untilOverallQuestion(link.get(brokeOff)!, "refused", day(2));
    await untilOverallQuestion(link.get(partial)!, "answered", day(2));

    const settings = { reminderAfterDays: 30, maxReminders: 0, switchGraceDays: 30 };
    expect(await runFollowUp({ now: day(27), settings, sampleId })).toMatchObject({ expired: 0 });
    expect(await db().sampleCase.count({ where: { sampleId, final: true } })).toBe(0);
    expect(await runFollowUp({ now: day(28), settings, sampleId })).toMatchObject({ expired: 4, switchedToTelephone: 0 });

    const expected = new Map([
      [neverOpened, "3.90"],
      [loggedOn, "3.112"],
      [brokeOff, "2.12"],
      [partial, "1.2"],
    ]);
    for (const [caseId, disposition] of expected) {
      const row = await db().sampleCase.findUniqueOrThrow({ where: { id: caseId }, include: { callAttempts: { orderBy: { id: "asc" } }, response: true } });
      expect({ caseId, disposition: row.disposition, final: row.final, nextCallAt: row.nextCallAt }).toEqual({
        caseId,
        disposition,
        final: true,
        nextCallAt: null,
      });
      expect(row.callAttempts.at(-1)).toMatchObject({
        mode: "ONLINE",
        interviewerId: null,
        outcome: "WEB_LINK_EXPIRED",
        disposition,
        startedAt: day(28),
        endedAt: day(28),
      });
      if (row.response) expect(row.response.status).toBe("BROKEN_OFF");
    }
    // Once: a later pass finds nothing to close.
    expect(await runFollowUp({ now: day(29), settings, sampleId })).toMatchObject({ expired: 0 });
    expect(await db().callAttempt.count({ where: { sampleCaseId: neverOpened } })).toBe(1);
  });

  it("a response begun in the online-only wording (CMS-2015ONLINE) is never continued by telephone: no switch, never a next case, no interview; its expiry closes it", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 3, month: "2018-06", mode: "MIXED" });
    await sendInvitations({ sampleId, now: SENT });
    const link = new Map((await listOutbox({ sampleId })).map((m) => [m.caseId, m.link!]));
    const [startedOnline, ...silent] = refs.map(caseIdOf);
    await untilOverallQuestion(link.get(startedOnline)!, "answered", day(2));
    expect(await db().response.findUniqueOrThrow({ where: { sampleCaseId: startedOnline } })).toMatchObject({ versionId: "CMS-2015ONLINE", mode: "ONLINE" });

    // The grace period is over: the silent cases join the telephone queue, the started one does not.
    const settings = { reminderAfterDays: 7, maxReminders: 1, switchGraceDays: 3 };
    await runFollowUp({ now: day(7), settings, sampleId });
    expect(await runFollowUp({ now: day(10), settings, sampleId })).toMatchObject({ switchedToTelephone: 2 });
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: startedOnline } })).toMatchObject({ mode: "ONLINE", nextCallAt: null, final: false });

    // A switched case's respondent starts online while an interviewer holds it: the interview is refused.
    const [first, second, third] = await createInterviewers(3, "online-only");
    const taken = await takeNextCase({ interviewerId: first, sampleId, now: day(10) });
    if (!taken.ok) throw new Error(taken.reason);
    expect(silent).toContain(taken.caseId);
    const other = silent.find((id) => id !== taken.caseId)!;
    await untilOverallQuestion(link.get(taken.caseId)!, "answered", day(10));
    await expect(startInterview({ caseId: taken.caseId, interviewerId: first, now: day(10) })).rejects.toMatchObject({ code: "ONLINE_ONLY_RESPONSE" });
    expect(await db().response.findUniqueOrThrow({ where: { sampleCaseId: taken.caseId } })).toMatchObject({ versionId: "CMS-2015ONLINE" });
    await db().sampleCase.update({ where: { id: taken.caseId }, data: { heldById: null, heldUntil: null } });

    // Only the case nobody began online is offered, however often interviewers ask.
    expect(await takeNextCase({ interviewerId: second, sampleId, now: day(10, 1) })).toMatchObject({ ok: true, caseId: other });
    expect(await takeNextCase({ interviewerId: third, sampleId, now: day(10, 1) })).toMatchObject({ ok: false, reason: "NOTHING_DUE" });
    await db().sampleCase.update({ where: { id: other }, data: { heldById: null, heldUntil: null } });
    expect(await takeNextCase({ interviewerId: third, sampleId, now: day(10, 2) })).toMatchObject({ ok: true, caseId: other });

    // At expiry both begun online are closed as partials; the other goes on by telephone.
    expect(await runFollowUp({ now: day(28), settings, sampleId })).toMatchObject({ expired: 3, switchedToTelephone: 0 });
    for (const id of [startedOnline, taken.caseId])
      expect(await db().sampleCase.findUniqueOrThrow({ where: { id } })).toMatchObject({ disposition: "1.2", final: true });
    expect(await db().sampleCase.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ mode: "MIXED", final: false });
  });

  it("runs each step once when two runners work at the same time: two follow-ups at once, and two pg-boss runners given a job each", async () => {
    const { sampleId } = await drawOnlineSample({ n: 3, month: "2018-04" });
    await sendInvitations({ sampleId, now: SENT });
    const both = await Promise.all([runFollowUp({ now: day(7), settings: SETTINGS, sampleId }), runFollowUp({ now: day(7), settings: SETTINGS, sampleId })]);
    expect(both[0].reminders + both[1].reminders).toBe(3);
    expect(await reminderCases(sampleId)).toHaveLength(3);

    // Two instances of the app, each with its job runner, each asked to run the follow-up at day 14.
    await db().setting.create({ data: { key: "cawi.followUp", value: { ...SETTINGS } } });
    const runners = await Promise.all([0, 1].map(() => startJobRunner({ connectionString: databaseUrl(), clock: () => day(14), schedule: false })));
    try {
      const ids = await Promise.all(runners.map((r) => r.boss.send(FOLLOW_UP_QUEUE, {})));
      await expect
        .poll(async () => (await Promise.all(ids.map((id, i) => runners[i]!.boss.getJobById(FOLLOW_UP_QUEUE, id!)))).map((j) => j?.state), {
          timeout: 30_000,
          interval: 500,
        })
        .toEqual(["completed", "completed"]);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    expect(await reminderCases(sampleId)).toHaveLength(6);
    expect(await db().invitation.count({ where: { sampleCase: { sampleId }, remindersSent: 2 } })).toBe(3);
  });
});
