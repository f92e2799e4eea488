import { describe, expect, it } from "vitest";
import { checkboxField } from "./param-schemas";

describe("a checkbox in a plain form", () => {
  it("is ticked when posted as browsers post it ('on'), or as true from a script", () => {
    for (const v of ["on", "true", true]) expect(checkboxField.parse(v)).toBe(true);
  });
  it("is not ticked when missing (an unticked box posts nothing) or anything else", () => {
    for (const v of [undefined, "", "off", "false", false, "yes please"]) expect(checkboxField.parse(v)).toBe(false);
  });
});
