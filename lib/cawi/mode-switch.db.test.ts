import { describe, expect, it } from "vitest";
import { answerInterviewScreen, startInterview } from "@/lib/cati/db/interview";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import { createInterviewers } from "@/lib/cati/db/test-cases";
import { db } from "@/lib/db/client";
import { saveAnswer } from "@/lib/responses/save-answer";
import { startResponse } from "@/lib/responses/start-response";
import { drawOnlineSample } from "./test-samples";

// Mixed mode, the way back (issue 13): an interviewer who reaches a client with a
// partly completed web response continues that same response by telephone, and
// the switch is recorded. CES-2023 is asked in both modes; CES samples are drawn
// by another change, so the response is started on it directly here.
const WED_10 = new Date("2026-11-25T10:00:00Z");

describe("a web response continued by telephone", () => {
  it("the interviewer gets the same response, answers keep their own mode, and the switch is in the audit log", async () => {
    const { sampleId, refs, caseIdOf } = await drawOnlineSample({ n: 1, month: "2019-01" });
    const caseId = caseIdOf(refs[0]);
    const { responseId } = await startResponse({ versionId: "CES-2023", mode: "ONLINE", sampleCaseId: caseId, now: WED_10 });
    await saveAnswer({ responseId, screenId: "INTRO", value: { kind: "seen" }, mode: "ONLINE", now: WED_10 });
    await saveAnswer({ responseId, screenId: "CONFIDENTIALITY", value: { kind: "seen" }, mode: "ONLINE", now: WED_10 });
    await saveAnswer({ responseId, screenId: "CES_SAT", value: { kind: "choice", code: "SATISFIED" }, mode: "ONLINE", now: WED_10 });
    // The mixed-mode switch puts the case in the telephone queue.
    await db().sampleCase.update({ where: { id: caseId }, data: { mode: "MIXED", nextCallAt: WED_10 } });

    const [interviewerId] = await createInterviewers(1, "switch");
    expect(await takeNextCase({ interviewerId, sampleId, now: WED_10 })).toMatchObject({ ok: true, caseId });
    expect(await startInterview({ caseId, interviewerId, now: WED_10 })).toBe(responseId);
    const next = await answerInterviewScreen({ caseId, interviewerId, screenId: "CES_CHANNELS", fields: { answer: ["PHONE"] }, now: WED_10 });
    expect(next).toMatchObject({ done: false });

    const history = await db().answerHistory.findMany({
      where: { responseId },
      orderBy: { revision: "asc" },
      select: { questionId: true, mode: true, byId: true },
    });
    expect(history.map((h) => [h.questionId, h.mode])).toEqual([
      ["INTRO", "ONLINE"],
      ["CONFIDENTIALITY", "ONLINE"],
      ["CES_SAT", "ONLINE"],
      ["CES_CHANNELS", "PHONE"],
    ]);
    expect(history.at(-1)!.byId).toBe(interviewerId);
    expect(await db().auditEvent.findFirst({ where: { action: "response.mode_switched", entityId: responseId } })).toMatchObject({
      actorId: interviewerId,
      details: { caseId, from: "ONLINE", to: "PHONE" },
    });
  });
});
