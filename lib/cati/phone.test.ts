import { describe, expect, it } from "vitest";
import { formatUkPhone } from "./phone";

describe("formatUkPhone", () => {
  it.each([
    ["+447700900123", "07700 900123"],
    ["+442079460018", "020 7946 0018"],
    ["+443001234567", "0300 123 4567"],
    ["+448081570192", "0808 157 0192"],
    ["+441632960123", "01632 960123"],
  ])("%s reads as %s", (e164, shown) => {
    expect(formatUkPhone(e164)).toBe(shown);
  });

  it("leaves numbers from elsewhere as stored", () => {
    expect(formatUkPhone("+353851234567")).toBe("+353851234567");
  });
});
