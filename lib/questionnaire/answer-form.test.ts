import { describe, expect, it } from "vitest";
import { answerFieldsFrom, answerFromFields, describeAnswer, fieldsFromAnswer, REFUSAL_VALUE, screenChoices } from "./answer-form";
import type { AnswerValue } from "./answer-value";
import { getQuestionnaireVersion } from "./registry";
import type { Screen } from "./schema";

function screen(versionId: string, id: string): Screen {
  const s = getQuestionnaireVersion(versionId)?.screens.find((x) => x.id === id);
  if (!s) throw new Error(`${versionId} ${id}`);
  return s;
}

describe("screenChoices", () => {
  it("numbers the answers 1-9 then 0, and offers a refusal on R worded for the mode", () => {
    const sat = screen("CMS-2015", "CMS_SAT");
    expect(screenChoices(sat, "PHONE").map((c) => [c.key, c.value, c.label])).toEqual([
      ["1", "VERY_SATISFIED", "Very Satisfied"],
      ["2", "SATISFIED", "Satisfied"],
      ["3", "DISSATISFIED", "Dissatisfied"],
      ["4", "VERY_DISSATISFIED", "Very Dissatisfied"],
      ["R", REFUSAL_VALUE, "Refused (do not read out)"],
    ]);
    expect(screenChoices(sat, "ONLINE").at(-1)?.label).toBe("Prefer not to answer");
    const rating = screenChoices(screen("OPTIONS-2014", "OPT_CS_EASY"), "PHONE");
    expect(rating.slice(0, 10).map((c) => c.key)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]);
    expect(rating[10]).toMatchObject({ value: REFUSAL_VALUE, key: "R" });
  });

  it("uses a question's own 'Prefer not to say' instead of adding a refusal", () => {
    const choices = screenChoices(screen("CES-2023", "CES_ETHNICITY"), "ONLINE");
    expect(choices.some((c) => c.value === REFUSAL_VALUE)).toBe(false);
    expect(choices.find((c) => c.code === "PREFER_NOT")).toMatchObject({ special: true, exclusive: true });
  });

  it("gives free text only the refusal, and information screens nothing", () => {
    expect(screenChoices(screen("RTCF-1", "RTCF_COMMENT"), "ONLINE").map((c) => c.value)).toEqual([REFUSAL_VALUE]);
    expect(screenChoices(screen("RTCF-1", "INTRO"), "ONLINE")).toEqual([]);
  });
});

describe("answerFromFields", () => {
  it("reads each kind of question", () => {
    expect(answerFromFields(screen("CMS-2015", "CMS_SAT"), { answer: ["SATISFIED"] })).toEqual({ ok: true, value: { kind: "choice", code: "SATISFIED" } });
    expect(answerFromFields(screen("RTCF-1", "RTCF_RATING"), { answer: ["4"] })).toEqual({ ok: true, value: { kind: "rating", value: 4 } });
    expect(answerFromFields(screen("CES-2023", "CES_CHANNELS"), { answer: ["EMAIL", "PHONE"] })).toEqual({
      ok: true,
      value: { kind: "choices", codes: ["PHONE", "EMAIL"] },
    });
    expect(answerFromFields(screen("RTCF-1", "RTCF_COMMENT"), { answer: [], text: " ok " })).toEqual({ ok: true, value: { kind: "text", text: "ok" } });
    expect(answerFromFields(screen("RTCF-1", "INTRO"), { answer: [] })).toEqual({ ok: true, value: { kind: "seen" } });
  });

  it("reads a refusal, and refuses one given with an answer", () => {
    expect(answerFromFields(screen("CMS-2015", "CMS_SAT"), { answer: [REFUSAL_VALUE] })).toEqual({ ok: true, value: { kind: "refused" } });
    expect(answerFromFields(screen("RTCF-1", "RTCF_COMMENT"), { answer: [REFUSAL_VALUE], text: "words" })).toMatchObject({
      ok: false,
      error: { code: "EXCLUSIVE_OPTION" },
    });
  });

  it("explains what is missing or wrong", () => {
    expect(answerFromFields(screen("CMS-2015", "CMS_SAT"), { answer: [] })).toMatchObject({
      ok: false,
      error: { code: "NO_SELECTION", message: "Select an answer." },
    });
    expect(answerFromFields(screen("RTCF-1", "RTCF_RATING"), { answer: ["six"] })).toMatchObject({
      ok: false,
      error: { message: "Select a number from 1 to 5." },
    });
    expect(answerFromFields(screen("RTCF-1", "RTCF_RATING"), { answer: ["9"] })).toMatchObject({ ok: false, error: { code: "OUT_OF_RANGE" } });
    expect(answerFromFields(screen("CMS-2015", "CMS_SAT"), { answer: ["<script>"] })).toMatchObject({ ok: false, error: { code: "UNKNOWN_OPTION" } });
  });

  it("round-trips stored answers through the form", () => {
    const cases: [string, string, AnswerValue][] = [
      ["CMS-2015", "CMS_SAT", { kind: "choice", code: "DISSATISFIED" }],
      ["CES-2023", "CES_CHANNELS", { kind: "choices", codes: ["PHONE", "LETTER"] }],
      ["RTCF-1", "RTCF_RATING", { kind: "rating", value: 5 }],
      ["RTCF-1", "RTCF_COMMENT", { kind: "text", text: "Fine" }],
      ["CMS-2015", "CMS_SAT", { kind: "refused" }],
    ];
    for (const [versionId, id, value] of cases) {
      const s = screen(versionId, id);
      expect(answerFromFields(s, fieldsFromAnswer(s, value))).toEqual({ ok: true, value });
    }
  });

  it("reads fields from form data and query strings alike", () => {
    const form = new FormData();
    form.append("answer", "PHONE");
    form.append("answer", "EMAIL");
    form.append("text", "hi");
    expect(answerFieldsFrom(form)).toEqual({ answer: ["PHONE", "EMAIL"], text: "hi" });
    expect(answerFieldsFrom(new URLSearchParams("answer=1"))).toEqual({ answer: ["1"] });
  });
});

describe("describeAnswer", () => {
  it("words answers by their labels", () => {
    expect(describeAnswer(screen("CES-2023", "CES_CHANNELS"), { kind: "choices", codes: ["PHONE", "PORTAL"] })).toBe("Phone, Child Maintenance online portal");
    expect(describeAnswer(screen("CMS-2015", "CMS_SAT"), { kind: "refused" })).toBe("Refused");
  });
});
