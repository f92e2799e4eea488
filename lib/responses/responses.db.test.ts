import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { loadResponseState } from "./load-response-state";
import { saveAnswer } from "./save-answer";
import { markBrokenOff } from "./set-response-status";
import { startResponse } from "./start-response";

// Each test starts its own response (fresh ids); the database is this file's own.

const seen = { kind: "seen" } as const;
const choice = (code: string) => ({ kind: "choice", code }) as const;

async function expectAppError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

async function interviewer() {
  return db().user.create({ data: { email: `int-${randomUUID()}@fieldwork.test`, name: "Test Interviewer", role: "INTERVIEWER" } });
}

/** A CES-2023 response for a receiving parent (new application, Collect and Pay), through the overall question. */
async function cesResponseAtChannels() {
  const { responseId } = await startResponse({
    versionId: "CES-2023",
    mode: "ONLINE",
    caseAttributes: { role: "RECEIVING_PARENT", contactReason: "NEW_APPLICATION", paymentMethod: "COLLECT_AND_PAY", service: "CMS", contactMonth: "2023-06" },
  });
  for (const [screenId, value] of [
    ["INTRO", seen],
    ["CONFIDENTIALITY", seen],
    ["CES_SAT", choice("SATISFIED")],
  ] as const) {
    await saveAnswer({ responseId, screenId, value, mode: "ONLINE" });
  }
  return responseId;
}

async function counts(responseId: string, questionId: string) {
  const [answers, history] = await Promise.all([
    db().answer.count({ where: { responseId, questionId } }),
    db().answerHistory.count({ where: { responseId, questionId } }),
  ]);
  return { answers, history };
}

describe("saveAnswer", () => {
  it("stores an answer with its time, mode and interviewer, and one history row", async () => {
    const user = await interviewer();
    const { responseId } = await startResponse({ versionId: "CMS-2015", mode: "PHONE", caseAttributes: { contactMonth: "2015-06" } });
    const before = new Date();
    await saveAnswer({ responseId, screenId: "INTRO", value: seen, mode: "PHONE", recordedById: user.id });
    await saveAnswer({ responseId, screenId: "CONFIDENTIALITY", value: seen, mode: "PHONE", recordedById: user.id });
    const saved = await saveAnswer({
      responseId,
      screenId: "CMS_SAT",
      value: choice("VERY_SATISFIED"),
      mode: "PHONE",
      recordedById: user.id,
      expectedRevision: 2,
    });
    expect(saved).toMatchObject({ changed: true, revision: 3, status: "IN_PROGRESS" });
    expect(saved.next).toMatchObject({ done: false, screen: { id: "CMS_CS_POLITE" } });

    const answer = await db().answer.findUniqueOrThrow({ where: { responseId_questionId: { responseId, questionId: "CMS_SAT" } } });
    expect(answer).toMatchObject({ value: { kind: "choice", code: "VERY_SATISFIED" }, mode: "PHONE", answeredById: user.id });
    expect(answer.answeredAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const history = await db().answerHistory.findMany({ where: { responseId, questionId: "CMS_SAT" } });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ value: { kind: "choice", code: "VERY_SATISFIED" }, previousValue: null, mode: "PHONE", byId: user.id, revision: 3 });
    // CMS-2015 is a telephone questionnaire; continued online, it is answered in the words of CMS-2015ONLINE,
    // which asks the same questions, and the answer is kept in CMS-2015 with its mode.
    await saveAnswer({ responseId, screenId: "CMS_CS_POLITE", value: choice("AGREE"), mode: "ONLINE" });
    expect(await db().answer.findUniqueOrThrow({ where: { responseId_questionId: { responseId, questionId: "CMS_CS_POLITE" } } })).toMatchObject({
      mode: "ONLINE",
      answeredById: null,
    });
  });

  it("the same submission twice changes nothing", async () => {
    const responseId = await cesResponseAtChannels();
    const first = await saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["PHONE", "EMAIL"] }, mode: "ONLINE" });
    // Same answer in another order: normalised to the same value, so not a change either.
    const again = await saveAnswer({
      responseId,
      screenId: "CES_CHANNELS",
      value: { kind: "choices", codes: ["EMAIL", "PHONE", "EMAIL"] },
      mode: "ONLINE",
      expectedRevision: first.revision - 1,
    });
    expect(again).toMatchObject({ changed: false, revision: first.revision });
    expect(await counts(responseId, "CES_CHANNELS")).toEqual({ answers: 1, history: 1 });
  });

  it("concurrent saves of the same answer leave one row and one history entry", async () => {
    const responseId = await cesResponseAtChannels();
    const { response } = await loadResponseState(responseId);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["PHONE"] }, mode: "ONLINE", expectedRevision: response.revision }),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.revision))).toEqual(new Set([response.revision + 1]));
    expect(await counts(responseId, "CES_CHANNELS")).toEqual({ answers: 1, history: 1 });
    expect((await loadResponseState(responseId)).response.revision).toBe(response.revision + 1);
  });

  it("two tabs answering differently: the second is a conflict, not an overwrite", async () => {
    const responseId = await cesResponseAtChannels();
    const { response } = await loadResponseState(responseId);
    const [a, b] = await Promise.allSettled([
      saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["PHONE"] }, mode: "ONLINE", expectedRevision: response.revision }),
      saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["LETTER"] }, mode: "ONLINE", expectedRevision: response.revision }),
    ]);
    const outcomes = [a, b].map((r) => (r.status === "fulfilled" ? "saved" : (r.reason as AppError).code)).sort();
    expect(outcomes).toEqual(["REVISION_CONFLICT", "saved"]);
    expect(await counts(responseId, "CES_CHANNELS")).toEqual({ answers: 1, history: 1 });
    // Without expectedRevision (one interviewer, one screen) the later answer simply wins.
    await saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["EMAIL"] }, mode: "ONLINE" });
    expect(await counts(responseId, "CES_CHANNELS")).toEqual({ answers: 1, history: 2 });
  });

  it("changing an earlier answer re-routes: the answer that fell off the route is kept in history but not effective", async () => {
    const responseId = await cesResponseAtChannels();
    await saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["PHONE"] }, mode: "ONLINE" });
    await saveAnswer({ responseId, screenId: "CES_GOVUK", value: choice("NO"), mode: "ONLINE" });
    // Phone contact: the Get it Right statements are asked.
    const gr = await saveAnswer({ responseId, screenId: "CES_GR_DID_SAY", value: choice("AGREE"), mode: "ONLINE" });
    expect(gr.next).toMatchObject({ done: false, screen: { id: "CES_GR_ACCURATE" } });
    expect((await loadResponseState(responseId)).effective.CES_GR_DID_SAY).toEqual(choice("AGREE"));

    // Back to the channels: letter only. CES_GR_DID_SAY is no longer asked.
    const changed = await saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["LETTER"] }, mode: "ONLINE" });
    expect(changed.next).toMatchObject({ done: false, screen: { id: "CES_GOVUK" } });
    const state = await loadResponseState(responseId);
    expect(state.effective.CES_GR_DID_SAY).toBeUndefined();
    expect(state.answers.CES_GR_DID_SAY).toEqual(choice("AGREE"));
    expect(state.effective.CES_CHANNELS).toEqual({ kind: "choices", codes: ["LETTER"] });
    // Resuming skips the statements: next is the first on-route screen still unanswered.
    expect(state.next).toMatchObject({ done: false, screen: { id: "CES_GR_OUTCOME_TIME" } });
    expect(await counts(responseId, "CES_GR_DID_SAY")).toEqual({ answers: 1, history: 1 });
    const channels = await db().answerHistory.findMany({ where: { responseId, questionId: "CES_CHANNELS" }, orderBy: { revision: "asc" } });
    expect(channels.map((h) => [h.previousValue, h.value])).toEqual([
      [null, { kind: "choices", codes: ["PHONE"] }],
      [
        { kind: "choices", codes: ["PHONE"] },
        { kind: "choices", codes: ["LETTER"] },
      ],
    ]);

    // An answer to an off-route question is refused.
    await expectAppError(saveAnswer({ responseId, screenId: "CES_GR_ACCURATE", value: choice("AGREE"), mode: "ONLINE" }), "OFF_ROUTE");
  });

  it("refuses invalid answers with the checker's code, on the answer field", async () => {
    const responseId = await cesResponseAtChannels();
    const error = await expectAppError(
      saveAnswer({ responseId, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["CARRIER_PIGEON"] }, mode: "ONLINE" }),
      "UNKNOWN_OPTION",
    );
    expect(error.field).toBe("answer");
    await expectAppError(saveAnswer({ responseId, screenId: "NOPE", value: seen, mode: "ONLINE" }), "UNKNOWN_SCREEN");
    await expectAppError(saveAnswer({ responseId: randomUUID(), screenId: "INTRO", value: seen, mode: "ONLINE" }), "RESPONSE_NOT_FOUND");
    expect(await db().answerHistory.count({ where: { responseId, questionId: "CES_CHANNELS" } })).toBe(0);
  });

  it("marks a response complete when the route is finished, and a break-off resumes", async () => {
    const { responseId } = await startResponse({ versionId: "RTCF-1", mode: "ONLINE", caseAttributes: { service: "CMS" } });
    await saveAnswer({ responseId, screenId: "INTRO", value: seen, mode: "ONLINE" });
    await markBrokenOff({ responseId });
    expect((await loadResponseState(responseId)).response.status).toBe("BROKEN_OFF");
    for (const [screenId, value] of [
      ["CONFIDENTIALITY", seen],
      ["RTCF_RATING", { kind: "rating", value: 2 }],
      ["RTCF_COMMENT", { kind: "text", text: "  Kept on hold  " }],
      ["RTCF_CALLBACK", choice("YES")],
    ] as const) {
      const r = await saveAnswer({ responseId, screenId, value, mode: "ONLINE" });
      expect(r.status).toBe("IN_PROGRESS");
    }
    const last = await saveAnswer({ responseId, screenId: "THANK_YOU", value: seen, mode: "ONLINE" });
    expect(last).toMatchObject({ status: "COMPLETE", next: { done: true } });
    const state = await loadResponseState(responseId);
    expect(state.response.completedAt).toBeInstanceOf(Date);
    expect(state.effective.RTCF_COMMENT).toEqual({ kind: "text", text: "Kept on hold" });
    // Online, a sent questionnaire cannot be reopened.
    await expectAppError(saveAnswer({ responseId, screenId: "RTCF_RATING", value: { kind: "rating", value: 5 }, mode: "ONLINE" }), "RESPONSE_COMPLETE");
  });
});

describe("questionnaire version registry", () => {
  it("records a version's first use with its hash and refuses answers once the shipped definition differs", async () => {
    const { responseId } = await startResponse({ versionId: "OPTIONS-2014", mode: "PHONE", caseAttributes: {} });
    const row = await db().questionnaireVersion.findUniqueOrThrow({ where: { id: "OPTIONS-2014" } });
    expect(row).toMatchObject({ survey: "OPTIONS", status: "IN_USE" });
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    await saveAnswer({ responseId, screenId: "INTRO", value: seen, mode: "PHONE" });
    // OPTIONS-2014 is asked by telephone only and no version asks its questions online.
    await expectAppError(saveAnswer({ responseId, screenId: "CONFIDENTIALITY", value: seen, mode: "ONLINE" }), "WRONG_MODE");

    // As if this build had edited OPTIONS-2014 in place: the stored hash no longer matches.
    await db().questionnaireVersion.update({ where: { id: "OPTIONS-2014" }, data: { contentHash: "0".repeat(64) } });
    const error = await expectAppError(saveAnswer({ responseId, screenId: "CONFIDENTIALITY", value: seen, mode: "PHONE" }), "VERSION_CHANGED");
    expect(error.message).toContain("new version id");
    expect((await loadResponseState(responseId)).versionUnchanged).toBe(false);
    await expectAppError(startResponse({ versionId: "OPTIONS-2014", mode: "PHONE", caseAttributes: {} }), "VERSION_CHANGED");
    expect(await db().answer.count({ where: { responseId } })).toBe(1);
    await db().questionnaireVersion.update({ where: { id: "OPTIONS-2014" }, data: { contentHash: row.contentHash } });
  });

  it("refuses unknown versions, the wrong mode and new responses on a retired version", async () => {
    await expectAppError(startResponse({ versionId: "CMS-1999", mode: "PHONE" }), "UNKNOWN_VERSION");
    await expectAppError(startResponse({ versionId: "CMS-2015", mode: "ONLINE" }), "WRONG_MODE");
    await startResponse({ versionId: "CMS-2013", mode: "PHONE", caseAttributes: {} });
    await db().questionnaireVersion.update({ where: { id: "CMS-2013" }, data: { status: "RETIRED" } });
    await expectAppError(startResponse({ versionId: "CMS-2013", mode: "PHONE", caseAttributes: {} }), "VERSION_RETIRED");
  });

  it("keeps answer history append-only", async () => {
    const responseId = await cesResponseAtChannels();
    await expect(db().answerHistory.updateMany({ where: { responseId }, data: { questionId: "X" } })).rejects.toThrow(/append-only/);
    await expect(db().answerHistory.deleteMany({ where: { responseId } })).rejects.toThrow(/append-only/);
  });
});

describe("responses of sample cases", () => {
  it("reads the case attributes from the drawn case, and one case has one response", async () => {
    const client = await db().frameClient.create({
      data: {
        service: "CMS",
        clientRef: `C-${randomUUID()}`,
        role: "RECEIVING_PARENT",
        contactReason: "CHANGE_OF_CIRCUMSTANCES",
        contactDate: new Date("2015-04-14"),
        englishSpeaking: true,
        potentiallyViolent: false,
        researchConsent: true,
        hasAddress: true,
        paymentMethod: "DIRECT_PAY",
      },
    });
    const sample = await db().sample.create({
      data: {
        survey: "CMS",
        month: "2015-04",
        sequence: 1,
        mode: "PHONE",
        seed: 1n,
        allocationMethod: "PROPORTIONAL",
        requestedSize: 1,
        allocation: {},
        waterfall: [],
        population: 1,
        eligible: 1,
        drawn: 1,
        strata: {
          create: {
            stratum: "2015-Q1|CHANGE_OF_CIRCUMSTANCES|RECEIVING_PARENT",
            quarter: "2015-Q1",
            contactReason: "CHANGE_OF_CIRCUMSTANCES",
            role: "RECEIVING_PARENT",
            population: 1,
            eligible: 1,
            allocated: 1,
            drawn: 1,
          },
        },
      },
      include: { strata: true },
    });
    const sampleCase = await db().sampleCase.create({
      data: { sampleId: sample.id, stratumId: sample.strata[0]!.id, clientId: client.id, mode: "PHONE", designWeight: 1, drawOrder: 1 },
    });

    const [a, b] = await Promise.all([
      startResponse({ versionId: "CMS-2015", mode: "PHONE", sampleCaseId: sampleCase.id }),
      startResponse({ versionId: "CMS-2015", mode: "PHONE", sampleCaseId: sampleCase.id }),
    ]);
    expect(a.responseId).toBe(b.responseId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const state = await loadResponseState(a.responseId);
    expect(state.caseAttributes).toEqual({
      role: "RECEIVING_PARENT",
      contactReason: "CHANGE_OF_CIRCUMSTANCES",
      paymentMethod: "DIRECT_PAY",
      service: "CMS",
      contactMonth: "2015-04",
      clientRef: client.clientRef,
    });
    expect(state.response.sampleCaseId).toBe(sampleCase.id);
    expect(state.next).toMatchObject({ done: false, screen: { id: "INTRO" } });
    await expectAppError(startResponse({ versionId: "CMS-2013", mode: "PHONE", sampleCaseId: sampleCase.id }), "CASE_HAS_RESPONSE");
  });
});
