/**
 * Acceptance check of issue 5: a few thousand respondents, CES_SAT by role,
 * raked to four population margins; estimates must equal an independent
 * implementation (reference/survey_ref.py, row-by-row IPF and backfitted
 * calibration residuals, as R survey) to 1e-6 and standard errors within 2%.
 * python3 is always present on these machines: its absence fails the test.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { respondentsFromRows } from "./data";
import { computeResults, type Results } from "./results";
import { satisfactionRate, agreement } from "./measures";
import { syntheticRespondents, toRows, PROFILE, SAT_LEVELS, AGREE_LEVELS, STATEMENTS } from "./synthetic";
import { buildDesign, type WeightingSpec } from "./weighting";
import { parseTargets, type TargetRow } from "./targets";

const dir = mkdtempSync(join(tmpdir(), "fieldwork-ref-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = join(import.meta.dirname, "reference", "survey_ref.py");

function csv(rows: readonly Record<string, unknown>[]): string {
  const cols = Object.keys(rows[0]);
  const q = (v: unknown) => {
    const s = String(v ?? "");
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(","), ...rows.map((r) => cols.map((c) => q(r[c])).join(","))].join("\n") + "\n";
}

interface RefEst {
  estimate: number | null;
  se: number | null;
  base: number;
  category?: string;
}
interface RefOut {
  overall: RefEst;
  groups: RefEst[];
  tests: { a: string; b: string; difference: number; se: number; p: number }[];
  weights: number[];
  iterations: number;
}

function runReference(name: string, rows: Record<string, string>[], request: object, targets?: TargetRow[]): RefOut {
  const rf = join(dir, `${name}.csv`);
  const qf = join(dir, `${name}.json`);
  writeFileSync(rf, csv(rows));
  writeFileSync(qf, JSON.stringify(request));
  const args = [script, rf, qf];
  if (targets) {
    const tf = join(dir, `${name}-targets.csv`);
    writeFileSync(tf, csv(targets));
    args.push(tf);
  }
  return JSON.parse(execFileSync("python3", args, { encoding: "utf8", maxBuffer: 1 << 28 })) as RefOut;
}

function compare(ours: Results, ref: RefOut) {
  const pairs: [typeof ours.overall, RefEst][] = [
    [ours.overall, ref.overall],
    ...ours.groups.map((g) => [g, ref.groups.find((r) => r.category === g.category)!] as [typeof g, RefEst]),
  ];
  for (const [a, b] of pairs) {
    expect(a.base).toBe(b.base);
    expect(Math.abs(a.estimate! - b.estimate!)).toBeLessThan(1e-6);
    expect(Math.abs(a.se! / b.se! - 1)).toBeLessThan(0.02);
  }
  expect(ours.tests.length).toBe(ref.tests.length);
  for (const t of ours.tests) {
    // The reference orders groups alphabetically, so a pair may come reversed.
    const r = ref.tests.find((x) => (x.a === t.a && x.b === t.b) || (x.a === t.b && x.b === t.a))!;
    const sign = r.a === t.a ? 1 : -1;
    expect(Math.abs(t.difference - sign * r.difference)).toBeLessThan(1e-6);
    expect(Math.abs(t.se / r.se - 1)).toBeLessThan(0.02);
    expect(Math.abs(t.p - r.p)).toBeLessThan(1e-3);
  }
  return pairs.map(([a, b]) => ({ category: a.category, estimate: a.estimate, ref: b.estimate, se: a.se, refSe: b.se }));
}

const columns = {
  factors: Object.fromEntries([
    ...PROFILE.map((p) => [p.name, p.levels] as const),
    ["CES_SAT", SAT_LEVELS] as const,
    ...STATEMENTS.map((s) => [s, AGREE_LEVELS] as const),
  ]),
};

describe("cross-check against the independent Python implementation", () => {
  const synth = syntheticRespondents(3000, 20240501, 500_000, ["age_band", "gender", "service_length", "contact_reason"]);
  const rows = toRows(synth.respondents);
  const respondents = respondentsFromRows(rows, columns);
  const sat = satisfactionRate("CES_SAT");
  const satSpec = { questions: ["CES_SAT"], positive: ["VERY_SATISFIED", "SATISFIED"], excluded: ["DK", "REFUSED"] };

  it("results --measure CES_SAT --by role --weights rake: estimates to 1e-6, SEs within 2%", () => {
    const design = buildDesign(respondents, { method: "rake", targets: synth.targets, tolerance: 1e-12 });
    const ours = computeResults(respondents, design, { measure: "CES_SAT", spec: sat, by: "role" });
    const ref = runReference("rake", rows, { method: "rake", spec: satSpec, by: "role", tolerance: 1e-12 }, synth.targetRows);
    const table = compare(ours, ref);
    for (let i = 0; i < respondents.n; i++) expect(Math.abs(design.weights[i] / ref.weights[i] - 1)).toBeLessThan(1e-8);
    console.log(
      "rake, CES_SAT by role:",
      JSON.stringify(table),
      "deff",
      design.diagnostics.kishDeff.toFixed(4),
      "iterations",
      design.diagnostics.iterations,
      "vs",
      ref.iterations,
    );
  });

  it("three margins (age band, gender, length of service), by contact reason: margins hit, same estimates and SEs", () => {
    const three = syntheticRespondents(2500, 7, 120_000, ["age_band", "gender", "service_length"]);
    const rows3 = toRows(three.respondents);
    const r3 = respondentsFromRows(rows3, columns);
    const design = buildDesign(r3, { method: "rake", targets: three.targets, tolerance: 1e-12 });
    for (const m of three.targets.margins) {
      const f = r3.factors[m.variable];
      const t = new Float64Array(f.levels.length);
      for (let i = 0; i < r3.n; i++) t[f.codes[i]] += design.weights[i];
      for (const [cat, pop] of m.populations) expect(Math.abs(t[f.levels.indexOf(cat)] / pop - 1)).toBeLessThan(1e-12);
    }
    const ours = computeResults(r3, design, { measure: "CES_SAT", spec: sat, by: "contact_reason" });
    compare(ours, runReference("rake3", rows3, { method: "rake", spec: satSpec, by: "contact_reason", tolerance: 1e-12 }, three.targetRows));
  });

  it("combined agreement by age band, raked with trimming", () => {
    const spec: WeightingSpec = { method: "rake", targets: synth.targets, tolerance: 1e-12, maxIterations: 5000, trim: { lower: 0.4, upper: 2.5 } };
    const design = buildDesign(respondents, spec);
    const ours = computeResults(respondents, design, { measure: "CS", spec: agreement(STATEMENTS), by: "age_band" });
    const ref = runReference(
      "trim",
      rows,
      {
        method: "rake",
        spec: { questions: STATEMENTS, positive: ["STRONGLY_AGREE", "AGREE"], excluded: ["NA", "REFUSED"] },
        by: "age_band",
        tolerance: 1e-12,
        maxIterations: 5000,
        trim: { lower: 0.4, upper: 2.5 },
      },
      synth.targetRows,
    );
    compare(ours, ref);
    expect(design.diagnostics.trimmed).toBeGreaterThan(0);
  });

  it("cell post-stratification to a crossed variable, by gender", () => {
    const cross: TargetRow[] = [];
    const roleP = PROFILE[0],
      reasonP = PROFILE[1];
    roleP.levels.forEach((a, i) =>
      reasonP.levels.forEach((b, j) => cross.push({ variable: "role*contact_reason", category: `${a}*${b}`, population: 1000 * (i + 1) + 300 * (j + 2) })),
    );
    const design = buildDesign(respondents, { method: "poststratify", targets: parseTargets(cross) });
    const ours = computeResults(respondents, design, { measure: "CES_SAT", spec: sat, by: "gender" });
    compare(ours, runReference("ps", rows, { method: "poststratify", spec: satSpec, by: "gender" }, cross));
  });

  it("design weights N_h / r_h with the finite population correction, by contact reason", () => {
    const populations = { "16-24": 900, "25-34": 2400, "35-44": 3000, "45-54": 2000, "55+": 700 };
    const design = buildDesign(respondents, { method: "design", stratum: "age_band", populations, fpc: true });
    const ours = computeResults(respondents, design, { measure: "CES_SAT", spec: sat, by: "contact_reason" });
    compare(ours, runReference("design", rows, { method: "design", stratum: "age_band", populations, fpc: true, spec: satSpec, by: "contact_reason" }));
  });
});
