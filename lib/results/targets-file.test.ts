import { describe, expect, it } from "vitest";
import { readTargetsFile } from "./targets-file";

describe("population targets files (interchange.md §3)", () => {
  it("reads rows, crossed variables included, with a BOM and CRLF", async () => {
    const r = await readTargetsFile(
      "\ufeffvariable,category,population\r\nrole*contact_reason,RECEIVING_PARENT*NEW_APPLICATION,1200\r\nrole*contact_reason,PAYING_PARENT*NEW_APPLICATION,800\r\n",
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { variable: "role*contact_reason", category: "RECEIVING_PARENT*NEW_APPLICATION", population: 1200 },
      { variable: "role*contact_reason", category: "PAYING_PARENT*NEW_APPLICATION", population: 800 },
    ]);
  });
  it("reports each bad row with its line and column", async () => {
    const r = await readTargetsFile(
      [
        "variable,category,population",
        "age_band,16-24,100",
        "shoe_size,9,5",
        "age_band,25-34,-3",
        "age_band,16-24,7",
        "role*contact_reason,RECEIVING_PARENT,10",
        "gender,FEMALE",
      ].join("\n"),
    );
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "variable"],
      [4, "population"],
      [5, "category"],
      [6, "category"],
      [7, null],
    ]);
    expect(r.errors[2].message).toMatch(/already on line 2/);
  });
  it("a wrong header is reported on line 1", async () => {
    const r = await readTargetsFile("var,category,pop\nage_band,16-24,100\n");
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [1, "variable"],
      [1, "population"],
      [1, "var"],
      [1, "pop"],
    ]);
  });
});
