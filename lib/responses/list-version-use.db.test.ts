import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importResponses } from "@/lib/results/db/import-responses";
import { fileText, syntheticCms } from "@/lib/results/synthetic-file";
import { listVersionUse } from "./list-version-use";

describe("listVersionUse", () => {
  it("counts imported respondents as use of the version they answered (CMS-2013 is not 'unused' with 2013-15 data imported)", async () => {
    const file = syntheticCms(3, 7);
    await importResponses({ input: Readable.from([fileText(file)]), fileName: "cms.csv" });
    const use = await listVersionUse();
    for (const version of ["CMS-2013", "CMS-2015"]) {
      const rows = file.rows.filter((r) => r.questionnaire_version === version);
      expect(rows.length).toBeGreaterThan(0);
      expect(use.get(version)).toMatchObject({ imported: rows.length, firstUsedAt: null, responses: 0 });
      const first = rows.map((r) => r.interview_date).sort()[0];
      expect(use.get(version)?.importedFrom?.toISOString().slice(0, 10)).toBe(first);
    }
    expect(use.get("CES-2023")).toMatchObject({ imported: 0, importedFrom: null });
  });
});
