import { describe, expect, it } from "vitest";
import type { AnswerValue } from "./answer-value";
import type { CaseAttributes } from "./attributes";
import { getQuestionnaireVersion } from "./registry";
import { checkAnswer, effectiveAnswers, isComplete, isPartialThreshold, needsFollowUp, nextScreen, onRouteQuestionIds, previousScreen } from "./runner";
import type { QuestionnaireVersion } from "./schema";

function get(id: string): QuestionnaireVersion {
  const v = getQuestionnaireVersion(id);
  if (!v) throw new Error(id);
  return v;
}

const cms2015 = get("CMS-2015");
const ces = get("CES-2023");
const attrs: CaseAttributes = { role: "RECEIVING_PARENT", contactReason: "NEW_APPLICATION", contactMonth: "2015-06", service: "CMS" };
const agree: AnswerValue = { kind: "choice", code: "AGREE" };
const seen: AnswerValue = { kind: "seen" };

const nextId = (answers: Record<string, AnswerValue>, after?: string, version = cms2015, caseAttributes = attrs) => {
  const next = nextScreen({ version, caseAttributes, answers, after });
  return next.done ? "DONE" : next.screen.id;
};

describe("runner", () => {
  it("walks CMS-2015 from the introduction to the thank-you and ends", () => {
    const answers: Record<string, AnswerValue> = {};
    const shown: string[] = [];
    let next = nextScreen({ version: cms2015, caseAttributes: attrs, answers });
    while (!next.done) {
      shown.push(next.screen.id);
      answers[next.screen.id] = next.screen.kind === "info" ? seen : next.screen.id === "CMS_SAT" ? { kind: "choice", code: "SATISFIED" } : agree;
      next = nextScreen({ version: cms2015, caseAttributes: attrs, answers, after: next.screen.id });
    }
    expect(shown).toEqual([
      "INTRO",
      "CONFIDENTIALITY",
      "CMS_SAT",
      "CMS_CS_POLITE",
      "CMS_CS_COURTESY",
      "CMS_CS_SENSITIVE",
      "CMS_CS_IMPARTIAL",
      "CMS_CS_WRITTEN",
      "CMS_CS_KNOWLEDGE",
      "CMS_CS_UNDERSTOOD",
      "CMS_CS_INFORMED",
      "THANK_YOU",
    ]);
    expect(isComplete({ version: cms2015, caseAttributes: attrs, answers })).toBe(true);
    expect(Object.keys(effectiveAnswers({ version: cms2015, caseAttributes: attrs, answers }))).toHaveLength(9);
  });

  it("resumes at the first screen without an answer", () => {
    expect(nextId({})).toBe("INTRO");
    expect(nextId({ INTRO: seen, CONFIDENTIALITY: seen })).toBe("CMS_SAT");
    expect(nextId({ INTRO: seen, CONFIDENTIALITY: seen, CMS_SAT: { kind: "refused" } })).toBe("CMS_CS_POLITE");
  });

  it("Back returns to the previous on-route screen, and forward again shows the kept answer", () => {
    const answers = { INTRO: seen, CONFIDENTIALITY: seen, CMS_SAT: { kind: "choice", code: "SATISFIED" } as AnswerValue, CMS_CS_POLITE: agree };
    const back = previousScreen({ version: cms2015, caseAttributes: attrs, answers, current: "CMS_CS_COURTESY" });
    expect(back?.id).toBe("CMS_CS_POLITE");
    expect(previousScreen({ version: cms2015, caseAttributes: attrs, answers, current: "CMS_CS_POLITE" })?.id).toBe("CMS_SAT");
    expect(previousScreen({ version: cms2015, caseAttributes: attrs, answers, current: "INTRO" })).toBeNull();
    // walking forward from CMS_SAT goes to POLITE (already answered), not to the first unanswered screen
    expect(nextId(answers, "CMS_SAT")).toBe("CMS_CS_POLITE");
    expect(nextId(answers)).toBe("CMS_CS_COURTESY");
  });

  it("Back skips screens that are off the route", () => {
    const april = { ...attrs, contactMonth: "2015-04" };
    expect(previousScreen({ version: cms2015, caseAttributes: april, answers: {}, current: "THANK_YOU" })?.id).toBe("CMS_CS_UNDERSTOOD");
    expect(previousScreen({ version: cms2015, caseAttributes: attrs, answers: {}, current: "THANK_YOU" })?.id).toBe("CMS_CS_INFORMED");
    expect(previousScreen({ version: cms2015, caseAttributes: attrs, answers: {} })?.id).toBe("THANK_YOU");
  });

  it("changing an earlier answer drops answers that fall off the route from the response", () => {
    const before: Record<string, AnswerValue> = {
      CES_SAT: { kind: "choice", code: "SATISFIED" },
      CES_CHANNELS: { kind: "choices", codes: ["PHONE"] },
      CES_GOVUK: { kind: "choice", code: "YES" },
      CES_GR_DID_SAY: agree,
      CES_ME_GOVUK: agree,
    };
    const input = { version: ces, caseAttributes: attrs };
    expect(Object.keys(effectiveAnswers({ ...input, answers: before }))).toEqual(["CES_SAT", "CES_CHANNELS", "CES_GOVUK", "CES_GR_DID_SAY", "CES_ME_GOVUK"]);
    const after: Record<string, AnswerValue> = {
      ...before,
      CES_GOVUK: { kind: "choice", code: "NO" } as AnswerValue,
      CES_CHANNELS: { kind: "choices", codes: ["LETTER"] } as AnswerValue,
    };
    expect(Object.keys(effectiveAnswers({ ...input, answers: after }))).toEqual(["CES_SAT", "CES_CHANNELS", "CES_GOVUK"]);
    // the stale answers stay in the caller's history
    expect(after.CES_ME_GOVUK).toEqual(agree);
    // and a save to the now off-route question is refused
    const save = checkAnswer({ ...input, answers: after, screenId: "CES_ME_GOVUK", value: agree });
    expect(save.ok ? "saved" : save.error.code).toBe("OFF_ROUTE");
    // changing back brings the kept answer back onto the route
    expect(effectiveAnswers({ ...input, answers: { ...after, CES_GOVUK: { kind: "choice", code: "YES" } } }).CES_ME_GOVUK).toEqual(agree);
  });

  it("checkAnswer validates and normalises, and knows unknown screens", () => {
    const input = { version: ces, caseAttributes: attrs, answers: {} };
    expect(checkAnswer({ ...input, screenId: "CES_CHANNELS", value: { kind: "choices", codes: ["EMAIL", "PHONE"] } })).toEqual({
      ok: true,
      value: { kind: "choices", codes: ["PHONE", "EMAIL"] },
    });
    const unknown = checkAnswer({ ...input, screenId: "CMS_SAT", value: agree });
    expect(unknown.ok ? "" : unknown.error.code).toBe("UNKNOWN_SCREEN");
    const bad = checkAnswer({ ...input, screenId: "CES_SAT", value: { kind: "choice", code: "AGREE" } });
    expect(bad.ok ? "" : bad.error).toEqual({ code: "UNKNOWN_OPTION", message: "Select one of the answers shown.", screenId: "CES_SAT" });
  });

  it("partial threshold: the overall satisfaction question answered (not refused)", () => {
    expect(isPartialThreshold({ version: cms2015, answers: { INTRO: seen } })).toBe(false);
    expect(isPartialThreshold({ version: cms2015, answers: { CMS_SAT: { kind: "refused" } } })).toBe(false);
    expect(isPartialThreshold({ version: cms2015, answers: { CMS_SAT: { kind: "choice", code: "DISSATISFIED" } } })).toBe(true);
    expect(isPartialThreshold({ version: get("CMS-2013"), answers: { CMS_SAT: { kind: "choice", code: "DK" } } })).toBe(true);
    expect(isPartialThreshold({ version: get("OPTIONS-2014"), answers: { OPT_SAT: { kind: "choice", code: "SATISFIED" } } })).toBe(true);
    expect(isPartialThreshold({ version: ces, answers: { CES_CHANNELS: { kind: "choices", codes: ["PHONE"] } } })).toBe(false);
  });

  it("RTCF: a low rating or a call-back request opens a follow-up", () => {
    const rtcf = get("RTCF-1");
    const follow = (answers: Record<string, AnswerValue>) => needsFollowUp({ version: rtcf, caseAttributes: attrs, answers });
    expect(follow({ RTCF_RATING: { kind: "rating", value: 2 }, RTCF_CALLBACK: { kind: "choice", code: "NO" } })).toBe(true);
    expect(follow({ RTCF_RATING: { kind: "rating", value: 4 }, RTCF_CALLBACK: { kind: "choice", code: "YES" } })).toBe(true);
    expect(follow({ RTCF_RATING: { kind: "rating", value: 3 }, RTCF_CALLBACK: { kind: "choice", code: "NO" } })).toBe(false);
    expect(needsFollowUp({ version: cms2015, caseAttributes: attrs, answers: {} })).toBe(false);
  });

  it("lists the route as far as the answers decide it", () => {
    const route = onRouteQuestionIds({ version: ces, caseAttributes: { role: "PAYING_PARENT", contactReason: "CHANGE_OF_CIRCUMSTANCES" }, answers: {} });
    expect(route).not.toContain("CES_ME_GOVUK");
    expect(route).not.toContain("CES_GR_DID_SAY");
    expect(route).toContain("CES_ME_APPLY");
    expect(nextId({}, "CES_SAT", ces)).toBe("CES_CHANNELS");
  });
});
