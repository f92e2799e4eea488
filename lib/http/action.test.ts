import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keepTyped, runFormAction } from "./action";

const schema = z.object({ name: z.string().min(1, "Enter a name"), total: z.coerce.number({ error: "Enter a whole number" }).int("Enter a whole number") });

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("runFormAction (a plain form's action in one step)", () => {
  it("sent back with errors: the errors by field, and what was typed in the kept fields only", async () => {
    const result = await runFormAction(schema, form({ name: "", total: "lots", password: "hunter2" }), ["name", "total"], async () => "done");
    expect(result).toMatchObject({ ok: false, code: "INVALID", fieldErrors: { name: "Enter a name", total: "Enter a whole number" } });
    expect(result.typed).toEqual({ name: "", total: "lots" });
  });

  it("done: the body's answer, with the parsed input, and nothing typed sent back", async () => {
    const result = await runFormAction(schema, form({ name: "Robin", total: "12" }), ["name", "total"], async (data) => `${data.name} ${data.total + 1}`);
    expect(result).toEqual({ ok: true, data: "Robin 13" });
  });

  it("what is not a form is an empty one, refused by the schema", async () => {
    const result = await runFormAction(schema, "not a form" as unknown as FormData, ["name"], async () => "done");
    expect(result).toMatchObject({ ok: false, code: "INVALID", typed: { name: "" } });
  });
});

describe("keepTyped", () => {
  it("never sends a password, secret or token back into a form", () => {
    expect(() => keepTyped({ ok: false, code: "INVALID", message: "x" }, {}, ["newPassword"])).toThrow(/never be sent back/);
    expect(() => keepTyped({ ok: true, data: 1 }, {}, ["apiToken"])).toThrow(/never be sent back/);
  });
});
