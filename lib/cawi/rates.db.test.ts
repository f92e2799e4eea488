import { describe, expect, it } from "vitest";
import { recordCallOutcome } from "@/lib/cati/db/record-outcome";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import { createInterviewers } from "@/lib/cati/db/test-cases";
import { getSampleReport } from "@/lib/fieldwork/db/report";
import { runFollowUp } from "./follow-up";
import { listOutbox } from "./outbox";
import { answerOnline, getRespondentView, openInvitationByToken, startOnlineResponse } from "./respondent";
import { sendInvitations } from "./send-invitations";
import { drawOnlineSample, firstAnswer } from "./test-samples";

// Issue 13: web outcomes are in the case's call history like telephone ones, so
// the supervisor's dispositions and AAPOR rates (issue 15, lib/fieldwork) count
// both modes, each case in the mode of its latest outcome.
const SENT = new Date("2026-11-02T10:00:00Z"); // Monday
const day = (n: number) => new Date(SENT.getTime() + n * 24 * 3600_000);
let ip = 0;
const freshIp = () => `192.0.2.${++ip}`;

async function open(link: string, now: Date) {
  const opened = await openInvitationByToken({ token: link.split("/s/")[1], ip: freshIp(), now });
  if (!opened.ok) throw new Error(opened.reason);
  return opened.invitationId;
}

describe("the supervisor's figures of a mixed-mode sample", () => {
  it("count online completes and web outcomes with mode ONLINE beside the telephone's, per mode and in the whole sample", async () => {
    // The fourth client has no telephone number: online only.
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 4, month: "2018-08", mode: "MIXED", clients: (_, i) => (i === 3 ? { phone: "" } : {}) });
    await sendInvitations({ sampleId, now: SENT });
    const link = new Map((await listOutbox({ sampleId })).map((m) => [m.caseId, m.link!]));
    const [online, , , loggedOn] = refs.map(caseIdOf);

    // One completes online; one opens the link and answers nothing (3.112).
    const invitationId = await open(link.get(online)!, day(1));
    await startOnlineResponse({ invitationId, now: day(1) });
    for (let i = 0; i < 30; i++) {
      const view = await getRespondentView({ invitationId, now: day(1) });
      if (view.kind !== "screen") break;
      await answerOnline({
        invitationId,
        screenId: view.screen.id,
        fields: firstAnswer(view.screen),
        expectedRevision: view.revision,
        intent: "continue",
        ip: freshIp(),
        now: day(1),
      });
    }
    await open(link.get(loggedOn)!, day(1));

    // The other two join the telephone queue: one interview completed, one refusal.
    expect(await runFollowUp({ now: day(2), settings: { reminderAfterDays: 7, maxReminders: 0, switchGraceDays: 1 }, sampleId })).toMatchObject({
      switchedToTelephone: 2,
    });
    const [interviewerId] = await createInterviewers(1, "rates");
    for (const outcome of ["COMPLETE", "HARD_REFUSAL"] as const) {
      const taken = await takeNextCase({ interviewerId, sampleId, now: day(2) });
      if (!taken.ok) throw new Error(taken.reason);
      await recordCallOutcome({ interviewerId, caseId: taken.caseId, outcome, now: day(2) });
    }

    const report = await getSampleReport({ sampleId, now: day(3) });
    if (!report) throw new Error("no report");
    expect(report.dispositions.map((d) => [d.code, d.count])).toEqual([
      ["1.1", 2],
      ["2.112", 1],
      ["3.112", 1],
    ]);
    expect(report.overall.counts).toMatchObject({ I: 2, R: 1, UH: 1 });
    const byMode = Object.fromEntries(report.byMode.map((m) => [m.mode, m.report]));
    expect(Object.keys(byMode).sort()).toEqual(["ONLINE", "PHONE"]);
    expect(byMode.ONLINE.counts).toEqual({ I: 1, P: 0, R: 0, NC: 0, O: 0, UH: 1, UO: 0, NE: 0 });
    expect(byMode.PHONE.counts).toEqual({ I: 1, P: 0, R: 1, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });
    expect(byMode.ONLINE.rates.RR1).toBeCloseTo(1 / 2, 12);
    expect(byMode.PHONE.rates.RR1).toBeCloseTo(1 / 2, 12);
    expect(report.overall.rates.RR1).toBeCloseTo(2 / 4, 12);
  });
});
