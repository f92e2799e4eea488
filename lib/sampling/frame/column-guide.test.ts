import { describe, expect, it } from "vitest";
import { frameColumnGuide, frameTemplateCsv } from "./column-guide";
import { readFrame } from "./parse";
import { FRAME_COLUMNS } from "./row";

describe("the frame page's column guide and template (issue 18)", () => {
  it("lists every column the importer knows, the required ones marked", () => {
    const guide = frameColumnGuide();
    expect(guide.map((g) => g.column)).toEqual(Object.keys(FRAME_COLUMNS));
    expect(guide.find((g) => g.column === "contact_reason")?.values).toContain("CHANGE_OF_CIRCUMSTANCES");
    expect(guide.filter((g) => g.required).map((g) => g.column)).toContain("client_ref");
  });

  it("offers a template the importer accepts whole", async () => {
    async function* text() {
      yield frameTemplateCsv();
    }
    const read = await readFrame(text());
    expect(read.errors).toEqual([]);
    expect(read.rows.map((r) => [r.clientRef, r.firstName])).toEqual([
      ["C000000001", "Alex"],
      ["O000000002", "Sam"],
    ]);
  });
});
