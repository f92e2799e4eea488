import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackUrl("/samples/new?survey=CMS")).toBe("/samples/new?survey=CMS");
    expect(safeCallbackUrl("/results#table")).toBe("/results#table");
  });

  it.each([
    ["another site", "https://evil.example/"],
    ["protocol-relative", "//evil.example"],
    ["a backslash browsers read as a slash", "/\\evil.example"],
    ["a backslash after the host part", "/\\/evil.example"],
    ["a tab browsers drop", "/\t/evil.example"],
    ["a line feed browsers drop", "/\n/evil.example"],
    ["a carriage return browsers drop", "/\r/evil.example"],
    ["a NUL", "/\u0000/evil.example"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["nothing", ""],
  ])("refuses %s", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/");
  });

  it("decoded forms of %5C, %09 and %0A are refused (the page receives them decoded)", () => {
    for (const encoded of ["/%5Cevil.example", "/%09/evil.example", "/%0A/evil.example", "/%0D%0A/evil.example"]) {
      expect(safeCallbackUrl(decodeURIComponent(encoded))).toBe("/");
    }
  });

  it("an encoded backslash that stays encoded is a harmless path on this site", () => {
    expect(safeCallbackUrl("/%5Cevil.example")).toBe("/%5Cevil.example");
  });

  it("whatever it is given, the answer is a path on this site", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string({ unit: "binary" }).map((s) => `/${s}`),
        ),
        (value) => {
          const out = safeCallbackUrl(value);
          expect(out.startsWith("/")).toBe(true);
          expect(out.startsWith("//")).toBe(false);
          expect(new URL(out, "https://fieldwork.example").origin).toBe("https://fieldwork.example");
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
