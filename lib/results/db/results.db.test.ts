/**
 * Acceptance check of issue 5 end to end: a CES respondent file of 3,000 rows is
 * imported through the real importer, then `results --survey CES --measure
 * CES_SAT --by role --weights rake --targets FILE` is run through the CLI's own
 * command function; its estimates must equal the independent Python
 * implementation (lib/analysis/reference/survey_ref.py), run on the same file,
 * to 1e-6 and its standard errors must be within 2%.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultsCommands } from "../../cli/results-commands";
import { fileText, syntheticCes, syntheticCms, targetsText } from "../synthetic-file";
import { importResponses } from "./import-responses";
import { runResults } from "./run-results";

const dir = mkdtempSync(join(tmpdir(), "fieldwork-results-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = join(import.meta.dirname, "..", "..", "analysis", "reference", "survey_ref.py");

interface Est {
  category: string;
  base: number;
  estimate: number | null;
  se: number | null;
  ci95: [number, number] | null;
  caution: boolean;
}
interface Json {
  measure: string;
  weighting: string;
  overall: Est;
  groups: Est[];
  tests: { a: string; b: string; difference: number; p: number; significant: boolean }[];
}
interface RefEst {
  estimate: number;
  se: number;
  base: number;
  category?: string;
}

const ces = syntheticCes(3000, 20240501);
const files = { responses: join(dir, "ces.csv"), targets: join(dir, "targets.csv") };

beforeAll(async () => {
  writeFileSync(files.responses, fileText(ces));
  writeFileSync(files.targets, targetsText(ces.targetRows));
  const r = await importResponses({ input: Readable.from([fileText(ces)]), fileName: "ces.csv" });
  expect(r).toMatchObject({ inserted: 3000, updated: 0, rejected: 0, errors: [] });
  const cms = await importResponses({ input: Readable.from([fileText(syntheticCms(20, 3))]), fileName: "cms.csv" });
  expect(cms.rejected).toBe(0);
});

function reference(
  by: string,
  tolerance = 1e-12,
): { overall: RefEst; groups: RefEst[]; tests: { a: string; b: string; difference: number; se: number; p: number }[] } {
  const request = join(dir, `req-${by}.json`);
  writeFileSync(
    request,
    JSON.stringify({ method: "rake", by, tolerance, spec: { questions: ["CES_SAT"], positive: ["VERY_SATISFIED", "SATISFIED"], excluded: ["DK", "REFUSED"] } }),
  );
  return JSON.parse(execFileSync("python3", [script, files.responses, request, files.targets], { encoding: "utf8", maxBuffer: 1 << 28 }));
}

describe("results --survey CES --measure CES_SAT --by role --weights rake --targets FILE", () => {
  it("prints interchange §4 JSON equal to the independent implementation (estimates 1e-6, SEs 2%)", async () => {
    const out = (await resultsCommands.results([
      "--survey",
      "CES",
      "--measure",
      "CES_SAT",
      "--by",
      "role",
      "--weights",
      "rake",
      "--targets",
      files.targets,
    ])) as Json;
    expect(out.measure).toBe("CES_SAT");
    expect(out.weighting).toBe("rake");
    for (const e of [out.overall, ...out.groups])
      expect(Object.keys(e)).toEqual(expect.arrayContaining(["category", "base", "estimate", "se", "ci95", "caution"]));
    const ref = reference("role");
    const pairs: [Est, RefEst][] = [
      [out.overall, ref.overall],
      ...out.groups.map((g) => [g, ref.groups.find((r) => r.category === g.category)!] as [Est, RefEst]),
    ];
    expect(pairs).toHaveLength(3);
    const table = pairs.map(([a, b]) => {
      expect(a.base).toBe(b.base);
      expect(Math.abs(a.estimate! - b.estimate)).toBeLessThan(1e-6);
      expect(Math.abs(a.se! / b.se - 1)).toBeLessThan(0.02);
      expect(a.caution).toBe(a.base < 100);
      return { category: a.category, base: a.base, estimate: a.estimate, reference: b.estimate, se: a.se, referenceSe: b.se };
    });
    expect(out.tests).toHaveLength(1);
    const t = out.tests[0];
    const rt = ref.tests[0];
    const sign = rt.a === t.a ? 1 : -1;
    expect(Math.abs(t.difference - sign * rt.difference)).toBeLessThan(1e-6);
    expect(Math.abs(t.p - rt.p)).toBeLessThan(1e-3);
    console.log("CES_SAT by role, raked:", JSON.stringify(table));
  });

  it("the page's detailed request gives the same headline numbers, a series and key drivers", async () => {
    const { readTargetsFile } = await import("../targets-file");
    const { rows } = await readTargetsFile(targetsText(ces.targetRows));
    const detail = await runResults({ request: { survey: "CES", measure: "CES_SAT", by: "role", weights: "rake" }, targetRows: rows, detail: true });
    const cli = (await resultsCommands.results([
      "--survey",
      "CES",
      "--measure",
      "CES_SAT",
      "--by",
      "role",
      "--weights",
      "rake",
      "--targets",
      files.targets,
    ])) as Json;
    expect(detail.results.overall.estimate).toBe(cli.overall.estimate);
    expect(detail.series!.monthly.length).toBe(12);
    expect(detail.series!.monthly.reduce((s, p) => s + p.base, 0)).toBe(detail.results.overall.base);
    expect("drivers" in detail.drivers! && detail.drivers.drivers.length).toBeGreaterThan(2);
    const shares = detail.distribution!.answers;
    expect(shares.map((a) => a.category)).toEqual(["VERY_SATISFIED", "SATISFIED", "NEITHER", "DISSATISFIED", "VERY_DISSATISFIED"]);
    expect(shares[0].estimate! + shares[1].estimate!).toBeCloseTo(detail.results.overall.estimate!, 12);
  });

  it("a period restricts the respondents; other measures, breakdowns and weightings run", async () => {
    const q = await runResults({ request: { survey: "CES", measure: "CES_CC_CLEAR", from: "2023-04", to: "2023-06", by: "age_band", weights: "none" } });
    expect(q.results.respondents).toBeLessThan(1000);
    expect(q.results.groups.map((g) => g.category)).toEqual(["16-24", "25-34", "35-44", "45-54", "55+"]);
    const cms = await runResults({ request: { survey: "CMS", measure: "CMS_CS", weights: "supplied", by: "questionnaire_version" } });
    expect(cms.results.overall.estimate).toBeGreaterThan(0);
    const ps = await runResults({ request: { survey: "CMS", measure: "CMS_SAT", weights: "poststratify" }, targetRows: syntheticCms(1, 1).targetRows });
    expect(ps.results.weights.sumWeights).toBeCloseTo(24000, 6);
    await expect(runResults({ request: { survey: "CES", measure: "NOPE" } })).rejects.toThrow(/no measure NOPE/);
    await expect(runResults({ request: { survey: "CES", measure: "CES_SAT", by: "shoe_size" } })).rejects.toThrow(/Unknown breakdown/);
    await expect(runResults({ request: { survey: "CES", measure: "CES_SAT", weights: "rake" } })).rejects.toThrow(/needs population targets/);
  });

  it("Options Client Service: share of ratings at or above the questionnaire's threshold (6), and the mean score", async () => {
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,OPT_SAT,OPT_CS_EXPLAINED,OPT_CS_EASY";
    const rows = [
      "O1,OPTIONS,OPTIONS-2014,2015-01-05,PHONE,MAIN_CARE,ENQUIRY,SATISFIED,10,5",
      "O2,OPTIONS,OPTIONS-2014,2015-01-06,PHONE,SOME_OR_NO_CARE,ENQUIRY,DISSATISFIED,6,REFUSED",
      "O3,OPTIONS,OPTIONS-2014,2015-01-07,PHONE,MAIN_CARE,ENQUIRY,VERY_SATISFIED,,2",
    ];
    const r = await importResponses({ input: Readable.from([[head, ...rows].join("\n")]), fileName: "options.csv" });
    expect(r.rejected).toBe(0);
    const share = await runResults({ request: { survey: "OPTIONS", measure: "OPT_CS", minimumBase: 1 } });
    // ratings given: 10, 5, 6, 2 -> 2 of 4 at 6 or more; the refusal is outside the base
    expect(share.results.overall).toMatchObject({ base: 3, estimate: 0.5, caution: true });
    const mean = await runResults({ request: { survey: "OPTIONS", measure: "OPT_CS", statistic: "mean", by: "role", minimumBase: 1 } });
    expect(mean.results.overall.estimate).toBeCloseTo(23 / 4, 12);
    expect(mean.results.groups.map((g) => [g.category, g.estimate])).toEqual([
      ["MAIN_CARE", 17 / 3],
      ["SOME_OR_NO_CARE", 6],
    ]);
    const sat = await runResults({ request: { survey: "OPTIONS", measure: "OPT_SAT", minimumBase: 1 } });
    expect(sat.results.overall.estimate).toBeCloseTo(2 / 3, 12);
    const suppressed = await runResults({ request: { survey: "OPTIONS", measure: "OPT_SAT" } });
    expect(suppressed.results.overall).toMatchObject({ base: 3, estimate: null, suppressed: "BELOW_MINIMUM_BASE" });
  });

  it("breaks results down by the CSA closure letter flag, and rejects a flag other than Y or N", async () => {
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,csa_closure_letter,OPT_SAT";
    const rows = [
      "L1,OPTIONS,OPTIONS-2014,2015-02-02,PHONE,MAIN_CARE,ENQUIRY,Y,SATISFIED",
      "L2,OPTIONS,OPTIONS-2014,2015-02-03,PHONE,MAIN_CARE,ENQUIRY,Y,DISSATISFIED",
      "L3,OPTIONS,OPTIONS-2014,2015-02-04,PHONE,SOME_OR_NO_CARE,ENQUIRY,Y,VERY_SATISFIED",
      "L4,OPTIONS,OPTIONS-2014,2015-02-05,PHONE,MAIN_CARE,ENQUIRY,N,SATISFIED",
      "L5,OPTIONS,OPTIONS-2014,2015-02-06,PHONE,MAIN_CARE,ENQUIRY,,VERY_DISSATISFIED",
      "L6,OPTIONS,OPTIONS-2014,2015-02-07,PHONE,MAIN_CARE,ENQUIRY,yes,SATISFIED",
    ];
    const r = await importResponses({ input: Readable.from([[head, ...rows].join("\n")]), fileName: "letters.csv" });
    expect(r.errors).toEqual([{ line: 7, column: "csa_closure_letter", message: 'Unknown csa_closure_letter "yes": expected one of Y, N' }]);
    const by = await runResults({
      request: { survey: "OPTIONS", measure: "OPT_SAT", by: "csa_closure_letter", from: "2015-02", to: "2015-02", minimumBase: 1 },
    });
    // Y: L1, L2, L3 -> 2 of 3 satisfied; N: L4 -> 1 of 1; L5 has no flag and is in the overall figure only
    expect(by.results.overall).toMatchObject({ base: 5, estimate: 3 / 5 });
    expect(by.results.groups.map((g) => [g.category, g.base, g.estimate])).toEqual([
      ["Y", 3, 2 / 3],
      ["N", 1, 1],
    ]);
  });
});
