import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvSafe } from "./csv-safe";

describe("csvSafe", () => {
  it("prefixes formula-like values with a single quote", () => {
    expect(csvSafe('=HYPERLINK("http://evil.example","click")')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(csvSafe("+447700900123")).toBe("'+447700900123");
    expect(csvSafe("-2+3")).toBe("'-2+3");
    expect(csvSafe("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvSafe("\t=1")).toBe("'\t=1");
    expect(csvSafe("\r=1")).toBe("'\r=1");
  });

  it("leaves other values alone", () => {
    for (const v of ["", "C000123", "a=b", "O'Brien", " =1"]) expect(csvSafe(v)).toBe(v);
  });
});

describe("csvField and csvLine", () => {
  it("quotes RFC 4180 style after escaping", () => {
    expect(csvField('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField(null)).toBe("");
    expect(csvField(-5)).toBe("-5"); // numbers are data, not formulas
  });

  it("joins a line", () => {
    expect(csvLine(["C1", "=1+1", 3, true, undefined])).toBe("C1,'=1+1,3,true,");
  });
});
