import "server-only";
import { Readable } from "node:stream";
import { fileText, syntheticCes, syntheticCms, syntheticOptions, targetsText } from "../synthetic-file";
import { importResponses, type ResponsesImportResult } from "./import-responses";
import { saveTargetSet } from "./target-sets";

// Demo results: 3,000 CES respondents (April 2023 - March 2024) and 2,200 CMS
// respondents (June 2014 - March 2016, across the May 2015 scale change) with
// their population targets, and 1,200 Options respondents (April 2014 - March 2015), loaded through the real importer. Deterministic and
// idempotent (respondents upsert on survey and respondent_ref; target sets by name).

export const DEMO_TARGET_SETS = { ces: "CES 2023-24 population (demo)", cms: "CMS strata (demo)" } as const;

export async function seedDemoResults(): Promise<{ ces: number; cms: number; options: number }> {
  const ces = syntheticCes(3000, 20240501);
  const cms = syntheticCms(100, 2015);
  const [a, b] = [
    await importResponses({ input: Readable.from([fileText(ces)]), fileName: "demo-ces-2023-24.csv" }),
    await importResponses({ input: Readable.from([fileText(cms)]), fileName: "demo-cms-2014-16.csv" }),
  ];
  const c = await importResponses({ input: Readable.from([fileText(syntheticOptions(100, 2014))]), fileName: "demo-options-2014-15.csv" });
  await saveTargetSet({ name: DEMO_TARGET_SETS.ces, fileName: "demo-ces-targets.csv", text: targetsText(ces.targetRows), actorId: null });
  await saveTargetSet({ name: DEMO_TARGET_SETS.cms, fileName: "demo-cms-targets.csv", text: targetsText(cms.targetRows), actorId: null });
  // Respondents loaded, whether new, replaced or already there as they are (a second run).
  const loaded = (r: ResponsesImportResult) => r.inserted + r.updated + r.unchanged;
  return { ces: loaded(a), cms: loaded(b), options: loaded(c) };
}
