import { describe, expect, it } from "vitest";
import { answerPostFromForm, answerTarget, isSameOrigin } from "./answer-post";

describe("the respondent's answer post", () => {
  it("reads the posted page: screen, revision, intent and the answer fields", () => {
    const form = new FormData();
    form.append("screenId", "CMS_SAT");
    form.append("expectedRevision", "3");
    form.append("answer", "2");
    expect(answerPostFromForm(form)).toEqual({ screenId: "CMS_SAT", expectedRevision: 3, intent: "continue", fields: { answer: ["2"] } });
    form.append("intent", "save");
    expect(answerPostFromForm(form)?.intent).toBe("save");
  });

  it("sends a form that is not ours back to where the respondent stands", () => {
    expect(answerPostFromForm(null)).toBeNull();
    expect(answerPostFromForm(new FormData())).toBeNull();
    const bad = new FormData();
    bad.append("screenId", "X");
    bad.append("intent", "delete-everything");
    expect(answerPostFromForm(bad)).toBeNull();
  });

  it("redirects each outcome to its page, the screen in the address escaped", () => {
    expect(answerTarget({ kind: "next", screenId: "A B" })).toBe("/survey?screen=A%20B");
    expect(answerTarget({ kind: "error", screenId: "Q1", code: "REQUIRED" })).toBe("/survey?screen=Q1&error=REQUIRED");
    expect(answerTarget({ kind: "completed" })).toBe("/survey/thank-you");
    expect(answerTarget({ kind: "rate-limited" })).toBe("/survey/unavailable?reason=busy");
    expect(answerTarget({ kind: "unavailable" })).toBe("/survey/unavailable");
  });

  it("refuses posts from another site (or an opaque origin), accepts this one and browsers that send no Origin", () => {
    expect(isSameOrigin(new Headers({ host: "survey.example", origin: "https://survey.example" }))).toBe(true);
    expect(isSameOrigin(new Headers({ host: "app:3000", "x-forwarded-host": "survey.example", origin: "https://survey.example" }))).toBe(true);
    expect(isSameOrigin(new Headers({ host: "survey.example", origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: "survey.example", origin: "null" }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: "survey.example", origin: "not a url" }))).toBe(false);
    expect(isSameOrigin(new Headers({ host: "survey.example" }))).toBe(true);
  });
});
