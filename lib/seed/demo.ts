import "server-only";
import { Readable } from "node:stream";
import { setUpQuotaCells } from "@/lib/cati/db/quotas";
import { seedDemoResults } from "@/lib/results/db/seed-demo";
import { drawSample } from "@/lib/sampling/db/draw-sample/draw-sample";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { generateFrameCsv } from "@/lib/sampling/frame/generate";
import { drawSampleSchema } from "@/lib/sampling/schemas";

/**
 * Demo data for the first start of the embedded database, loaded through the
 * product's own import and draw paths: a synthetic 2015 sampling frame
 * (fictional clients), a March 2015 CMS telephone sample for the interviewers
 * with quota targets for its supervisors,
 * and historical CES and CMS respondents with population targets for analysts.
 */
export async function seedDemoData(): Promise<{ frameRows: number; sampleCases: number; respondents: number }> {
  const frame = await importFrame({
    input: Readable.from([generateFrameCsv({ rows: 20_000, seed: 2015 })]),
    fileName: "demo-frame-2015.csv",
    strict: false,
    actorId: null,
  });
  const sample = await drawSample({
    input: drawSampleSchema.parse({ survey: "CMS", month: "2015-03", mode: "PHONE", allocation: "proportional", size: 200, seed: 2015 }),
    actorId: null,
  });
  // Quota cells for the sample: 60 completed interviews spread over its strata.
  if (sample.sampleId) await setUpQuotaCells({ input: { sampleId: sample.sampleId, total: 60, method: "proportional", countsPartials: false }, actorId: null });
  const results = await seedDemoResults();
  return { frameRows: frame.inserted + frame.updated, sampleCases: sample.drawn, respondents: results.ces + results.cms };
}
