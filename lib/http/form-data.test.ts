import { describe, expect, it } from "vitest";
import { formDataOf, formFields } from "./form-data";

describe("a server action's form", () => {
  it("is read as sent when it is a form", () => {
    const form = new FormData();
    form.append("caseId", "a");
    form.append("answer", "1");
    form.append("answer", "2");
    expect(formFields(form)).toEqual({ caseId: "a", answer: "1" });
    expect(formDataOf(form).getAll("answer")).toEqual(["1", "2"]);
  });

  it("counts as empty when a caller sends anything else", () => {
    for (const sent of [undefined, null, {}, [], "caseId=a", 42, { get: () => "x", keys: () => ["x"] }]) {
      expect(formFields(sent)).toEqual({});
      expect(formDataOf(sent).get("caseId")).toBeNull();
    }
  });
});

describe("a server action's arguments as sent by a script", () => {
  it("are readable as a form or a JSON list, and nothing else", async () => {
    const { isReadableActionBody } = await import("./action-body");
    expect(isReadableActionBody("text/plain;charset=UTF-8", '[{"survey":"CMS"}]')).toBe(true);
    expect(isReadableActionBody("text/plain;charset=UTF-8", "[]")).toBe(true);
    expect(isReadableActionBody("multipart/form-data; boundary=x", "anything")).toBe(true);
    for (const body of ["null", "{}", '"text"', "1", "[{", "", "\u0000"]) expect(isReadableActionBody("application/json", body), body).toBe(false);
  });
});

describe("a form posted without JavaScript", () => {
  it("is readable when React's hidden action fields hold JSON", async () => {
    const { isReadableActionForm } = await import("./action-body");
    const good: [string, unknown][] = [
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"60ab","bound":"$@1"}'],
      ["$ACTION_1:1", "[null]"],
      ["$ACTION_KEY", "k1"],
      ["caseId", "not json"],
    ];
    expect(isReadableActionForm(good)).toBe(true);
    expect(isReadableActionForm([["$ACTION_1:1", "xxxx"]])).toBe(false);
    expect(
      isReadableActionForm([
        ["$ACTION_1:0", '{"id":"60ab","bound":"$@1"}'],
        ["$ACTION_1:1", "null"],
      ]),
    ).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:0", '{"id":"60ab","bound":"$@1"}']])).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:0", '{"id":"60ab","bound":null}']])).toBe(true);
    expect(isReadableActionForm([["$ACTION_1:0", "null"]])).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:0", ""]])).toBe(false);
    expect(isReadableActionForm([["$ACTION_1:1", new Blob(["[]"])]])).toBe(false);
  });
});
