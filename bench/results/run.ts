/**
 * Benchmark (issue 5): 1,000,000 synthetic respondents, rake to five margins and
 * produce the headline figures with standard errors. Target: < 2 s, < 1 GB.
 * Run: npx tsx bench/results/run.ts [respondents]
 */
import { performance } from "node:perf_hooks";
import { agreement, buildDesign, computeResults, keyDrivers, satisfactionRate, type Results } from "@/lib/analysis";
import { STATEMENTS, syntheticRespondents } from "@/lib/analysis/synthetic";

const n = Number(process.argv[2] ?? 1_000_000);
let peakRss = 0,
  peakHeap = 0,
  peakBuffers = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers); // typed arrays live outside the JS heap
};
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(2)}%`);

const t0 = performance.now();
const { respondents, targets } = syntheticRespondents(n, 2024, 2_300_000);
sample();
const t1 = performance.now();

const design = buildDesign(respondents, { method: "rake", targets });
sample();
const t2 = performance.now();

const figures: Results[] = [];
figures.push(computeResults(respondents, design, { measure: "CES_SAT", spec: satisfactionRate("CES_SAT"), by: "role" }));
sample();
figures.push(computeResults(respondents, design, { measure: "CES_SAT", spec: satisfactionRate("CES_SAT"), by: "age_band" }));
sample();
for (const q of STATEMENTS) {
  figures.push(computeResults(respondents, design, { measure: q, spec: agreement([q]) }));
  sample();
}
figures.push(computeResults(respondents, design, { measure: "CLIENT_SERVICE", spec: agreement(STATEMENTS), by: "role" }));
sample();
const t3 = performance.now();

const drivers = keyDrivers(respondents, design, {
  outcome: { question: "CES_SAT", positive: ["VERY_SATISFIED", "SATISFIED"], excluded: ["DK"] },
  items: STATEMENTS.filter((q) => q !== "CES_CC_TIMESCALES").map((question) => ({ question, positive: ["STRONGLY_AGREE", "AGREE"], excluded: ["NA"] })),
});
sample();
const t4 = performance.now();

const d = design.diagnostics;
console.log(`respondents ${n.toLocaleString("en-GB")}; margins ${targets.margins.map((m) => `${m.variable}(${m.populations.size})`).join(", ")}`);
console.log(
  `weights: ${d.iterations} raking iterations, max margin error ${d.maxRelativeError?.toExponential(2)}, min ${d.minWeight.toFixed(3)}, max ${d.maxWeight.toFixed(3)}, Kish deff ${d.kishDeff.toFixed(4)}, n_eff ${d.effectiveSampleSize.toFixed(0)}`,
);
for (const f of figures) {
  const row = (e: Results["overall"]) => `${e.category} ${pct(e.estimate)} (SE ${pct(e.se)}, base ${e.base})`;
  console.log(`${f.measure}: ${row(f.overall)}${f.groups.length ? "; " + f.groups.map(row).join("; ") : ""}`);
  for (const t of f.tests.filter((t) => t.significant).slice(0, 3))
    console.log(`   ${t.a} vs ${t.b}: ${pct(t.difference)}, p ${t.p < 1e-16 ? "< 1e-16" : `= ${t.p.toExponential(2)}`}`);
}
console.log(`key drivers: ${drivers.drivers.map((x) => `${x.rank}. ${x.item} ${(x.share * 100).toFixed(1)}%`).join(", ")}`);
console.log("");
console.log(`generate data      ${(t1 - t0).toFixed(0)} ms (not part of the target)`);
console.log(`rake (5 margins)   ${(t2 - t1).toFixed(0)} ms`);
console.log(
  `headline figures   ${(t3 - t2).toFixed(0)} ms (${figures.length} measures, ${figures.reduce((a, f) => a + 1 + f.groups.length, 0)} estimates with SEs, ${figures.reduce((a, f) => a + f.tests.length, 0)} tests)`,
);
console.log(`rake + figures     ${(t3 - t1).toFixed(0)} ms  (target < 2000 ms)`);
console.log(`key drivers        ${(t4 - t3).toFixed(0)} ms`);
console.log(`peak rss ${mb(peakRss)}, peak heapUsed ${mb(peakHeap)}, peak arrayBuffers ${mb(peakBuffers)} (target < 1 GB)`);
