import { describe, expect, it } from "vitest";
import { fromAnswerCode, toAnswerCode } from "./answer-codes";
import { isRefusal, refusalAnswer, validateAnswer } from "./answers";
import { getQuestionnaireVersion } from "./registry";
import { isQuestion, type Question } from "./schema";

function question(versionId: string, id: string): Question {
  const screen = getQuestionnaireVersion(versionId)?.screens.find((s) => s.id === id);
  if (!screen || !isQuestion(screen)) throw new Error(`${versionId} ${id}`);
  return screen;
}

const errorCode = (q: Question, value: unknown) => {
  const r = validateAnswer(q, value);
  return r.ok ? "ok" : r.error.code;
};

describe("validateAnswer", () => {
  const sat2015 = question("CMS-2015", "CMS_SAT");
  const sat2013 = question("CMS-2013", "CMS_SAT");
  const channels = question("CES-2023", "CES_CHANNELS");
  const agent = question("OPTIONS-2014", "OPT_CS_EASY");
  const comment = question("RTCF-1", "RTCF_COMMENT");

  it("single choice: only the version's options", () => {
    expect(errorCode(sat2015, { kind: "choice", code: "SATISFIED" })).toBe("ok");
    expect(errorCode(sat2015, { kind: "choice", code: "DK" })).toBe("UNKNOWN_OPTION"); // removed in 2015
    expect(errorCode(sat2013, { kind: "choice", code: "DK" })).toBe("ok");
    expect(errorCode(sat2015, { kind: "rating", value: 3 })).toBe("WRONG_KIND");
    expect(errorCode(sat2015, "SATISFIED")).toBe("INVALID");
  });

  it("a refusal is valid for every question", () => {
    for (const q of [sat2015, channels, agent, comment]) expect(errorCode(q, { kind: "refused" })).toBe("ok");
  });

  it("rating: whole numbers on the scale", () => {
    expect(errorCode(agent, { kind: "rating", value: 1 })).toBe("ok");
    expect(errorCode(agent, { kind: "rating", value: 10 })).toBe("ok");
    expect(errorCode(agent, { kind: "rating", value: 0 })).toBe("OUT_OF_RANGE");
    expect(errorCode(agent, { kind: "rating", value: 11 })).toBe("OUT_OF_RANGE");
    expect(errorCode(agent, { kind: "rating", value: 6.5 })).toBe("NOT_AN_INTEGER");
    const r = validateAnswer(agent, { kind: "rating", value: 0 });
    expect(r.ok ? "" : r.error.message).toBe("Enter a whole number from 1 to 10.");
  });

  it("multiple choice: at least one, known, normalised to option order", () => {
    expect(validateAnswer(channels, { kind: "choices", codes: ["EMAIL", "PHONE", "EMAIL"] })).toEqual({
      ok: true,
      value: { kind: "choices", codes: ["PHONE", "EMAIL"] },
    });
    expect(errorCode(channels, { kind: "choices", codes: [] })).toBe("NO_SELECTION");
    expect(errorCode(channels, { kind: "choices", codes: ["PIGEON"] })).toBe("UNKNOWN_OPTION");
  });

  it("free text: trimmed, length limit, optional may be empty", () => {
    expect(validateAnswer(comment, { kind: "text", text: "  fine \r\n" })).toEqual({ ok: true, value: { kind: "text", text: "fine" } });
    expect(errorCode(comment, { kind: "text", text: "" })).toBe("ok");
    expect(errorCode(comment, { kind: "text", text: "x".repeat(1000) })).toBe("ok");
    expect(errorCode(comment, { kind: "text", text: "x".repeat(1001) })).toBe("TOO_LONG");
    expect(errorCode(comment, { kind: "text", text: "😀".repeat(1000) })).toBe("ok"); // characters, not UTF-16 units
  });

  it("information screens take only a seen marker", () => {
    const intro = getQuestionnaireVersion("CMS-2015")?.screens[0];
    if (!intro) throw new Error("no intro");
    expect(validateAnswer(intro, { kind: "seen" })).toEqual({ ok: true, value: { kind: "seen" } });
    expect(validateAnswer(intro, { kind: "refused" }).ok).toBe(false);
  });
});

describe("refusal", () => {
  it("uses the seed's 'Prefer not to say' where there is one, else the generic refusal", () => {
    const ethnicity = question("CES-2023", "CES_ETHNICITY");
    expect(refusalAnswer(ethnicity)).toEqual({ kind: "choice", code: "PREFER_NOT" });
    expect(refusalAnswer(question("CES-2023", "CES_GENDER"))).toEqual({ kind: "refused" });
    expect(isRefusal(ethnicity, { kind: "choice", code: "PREFER_NOT" })).toBe(true);
    expect(isRefusal(ethnicity, { kind: "refused" })).toBe(true);
    expect(isRefusal(ethnicity, { kind: "choice", code: "DK" })).toBe(false);
  });
});

describe("interchange answer codes", () => {
  it("round-trips every kind", () => {
    const channels = question("CES-2023", "CES_CHANNELS");
    expect(toAnswerCode({ kind: "choices", codes: ["PHONE", "EMAIL"] })).toBe("PHONE;EMAIL");
    expect(fromAnswerCode(channels, "EMAIL;PHONE")).toEqual({ ok: true, value: { kind: "choices", codes: ["PHONE", "EMAIL"] } });
    expect(toAnswerCode({ kind: "rating", value: 7 })).toBe("7");
    expect(fromAnswerCode(question("OPTIONS-2014", "OPT_CS_BEST"), "7")).toEqual({ ok: true, value: { kind: "rating", value: 7 } });
    expect(fromAnswerCode(question("OPTIONS-2014", "OPT_CS_BEST"), "7.5")?.ok).toBe(false);
    expect(toAnswerCode({ kind: "refused" })).toBe("REFUSED");
    expect(fromAnswerCode(question("CMS-2015", "CMS_SAT"), "REFUSED")).toEqual({ ok: true, value: { kind: "refused" } });
    expect(fromAnswerCode(question("CMS-2015", "CMS_SAT"), "")).toBeUndefined();
    expect(toAnswerCode({ kind: "seen" })).toBeUndefined();
  });
});
