import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/errors";
import { applyToForm, formErrors, summaryOf } from "./form-errors";

const invalid: ActionResult<unknown> = {
  ok: false,
  code: "INVALID",
  message: "Check the answers you gave",
  fieldErrors: { total: "Enter a whole number", "callingHours.start": "Enter a time", form: "The sample is closed" },
};
const unexpected: ActionResult<unknown> = { ok: false, code: "UNEXPECTED", message: "Something went wrong. Quote reference abc." };

describe("formErrors", () => {
  it("shows nothing before a post and after a success", () => {
    expect(formErrors(null)).toEqual({ summary: [], fields: {}, typed: null });
    expect(formErrors({ ok: true, data: 1 })).toEqual({ summary: [], fields: {}, typed: null });
  });

  it("links each field error to its control and keeps whole-form errors unlinked", () => {
    const { summary, fields } = formErrors(invalid, { fieldId: (p) => p.replace(".", "-"), prefix: "q-" });
    expect(fields).toEqual({ "q-total": "Enter a whole number", "q-callingHours-start": "Enter a time" });
    expect(summary).toEqual([
      { field: "q-total", message: "Enter a whole number" },
      { field: "q-callingHours-start", message: "Enter a time" },
      { message: "The sample is closed" },
    ]);
  });

  it("gives back what was typed in a form sent back with errors (keepTyped), and nothing otherwise", () => {
    expect(formErrors({ ...invalid, typed: { total: "lots" } }).typed).toEqual({ total: "lots" });
    expect(formErrors({ ...unexpected, typed: { total: "12" } }).typed).toEqual({ total: "12" });
    expect(formErrors(invalid).typed).toBeNull();
  });

  it("shows the message of a failure with no field errors, such as an unexpected one with its reference", () => {
    expect(formErrors(unexpected)).toEqual({ summary: [{ message: "Something went wrong. Quote reference abc." }], fields: {}, typed: null });
  });
});

describe("applyToForm and summaryOf (react-hook-form)", () => {
  it("sets the known fields' errors and returns what belongs to the whole form", () => {
    const set: Record<string, string> = {};
    const formMessage = applyToForm(invalid, ["total"] as const, (f, e) => (set[f] = e.message));
    expect(set).toEqual({ total: "Enter a whole number" });
    expect(formMessage).toBe("Enter a time");
    expect(applyToForm(unexpected, ["total"] as const, () => {})).toBe("Something went wrong. Quote reference abc.");
    expect(applyToForm({ ok: true, data: 1 }, ["total"] as const, () => {})).toBeUndefined();
  });

  it("lists the form's message first, then each field in order, linked with the prefix", () => {
    expect(
      summaryOf({ reason: { message: "Enter a reason" }, clientRef: { message: "Enter a reference" } }, ["clientRef", "reason"] as const, {
        formMessage: "Try again",
        prefix: "remove-",
      }),
    ).toEqual([{ message: "Try again" }, { field: "remove-clientRef", message: "Enter a reference" }, { field: "remove-reason", message: "Enter a reason" }]);
  });
});
