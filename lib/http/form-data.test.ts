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
