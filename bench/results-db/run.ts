/**
 * Benchmark (issue 16): results at archive scale, from PostgreSQL to the answer.
 * Generates a CES responses file of N respondents (default 1,000,000), imports it
 * through the product (`npm run cli -- responses import`), then times, end to end:
 *  - `npm run cli -- results --survey CES --measure CES_SAT --by role --weights rake --targets FILE`
 *    (five margins) and the same with `--weights none`: a new process each time;
 *  - the results page's server function (resultsPageData, the page's detail:
 *    series, key drivers, distribution) with a stored target set: the first
 *    request of a process (nothing in memory: it reads the columns the import stored in RespondentColumn), the next ones (store warm), and the one
 *    after a completed interview changed the survey (the store re-reads that respondent);
 *  - the statistics alone on the same respondents already in memory (the
 *    figure bench/results measures: the floor);
 *  - R's survey package (read.csv + rake + svymean + svyby) when Rscript is installed;
 * and prints the ratios and whether the estimates agree.
 * Targets: < 2 s end to end; unweighted no slower than weighted; < 1 GB.
 *
 * Run: node --conditions=react-server --import tsx bench/results-db/run.ts [respondents]
 * Uses the PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL for another
 * local one); creates its own database and drops it (BENCH_KEEP=1 keeps it). The file is kept in the
 * system temp folder between runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import type { TargetRow } from "@/lib/analysis";
import { csvLine } from "@/lib/sampling/csv-safe";
import { syntheticCes, targetsText } from "@/lib/results/synthetic-file";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, assertLocal } from "@/test/pg-server";

const n = Number(process.argv[2] ?? 1_000_000);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const fmt = (x: number) => Math.round(x).toLocaleString("en-GB");
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const root = path.join(import.meta.dirname, "..", "..");

// The file, in batches of 100,000 (one batch's row objects at a time).
const BATCH = 100_000;
const POPULATION = 2_300_000;
const file = path.join(os.tmpdir(), `fieldwork-ces-${n}.csv`);
const first = syntheticCes(Math.min(n, 10), 16, POPULATION);
// Five margins: the CES's four (age, gender, length of service, contact reason) and role.
const targetRows: TargetRow[] = [
  ...first.targetRows,
  { variable: "role", category: "RECEIVING_PARENT", population: Math.round(POPULATION * 0.55) },
  { variable: "role", category: "PAYING_PARENT", population: Math.round(POPULATION * 0.45) },
];
if (!existsSync(file)) {
  process.stderr.write(`generating ${fmt(n)} respondents into ${file}...\n`);
  const out = createWriteStream(`${file}.part`);
  out.write(csvLine(first.header) + "\r\n");
  for (let k = 0; k * BATCH < n; k++) {
    const part = syntheticCes(Math.min(BATCH, n - k * BATCH), 1600 + k, POPULATION, `CES${k}`);
    const text = part.rows.map((r) => csvLine(first.header.map((h) => r[h] ?? ""))).join("\r\n") + "\r\n";
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  renameSync(`${file}.part`, file);
}
const targetsFile = path.join(os.tmpdir(), `fieldwork-ces-targets-five-margins.csv`);
writeFileSync(targetsFile, targetsText(targetRows));

const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;

interface Est {
  category: string;
  base: number;
  estimate: number | null;
  se: number | null;
}
interface Json {
  overall: Est;
  groups: Est[];
  weights?: { sumWeights: number };
}

/** `npm run cli -- ...` as a person types it: wall time and peak RSS of the child (GNU time when present). */
function cli(args: string[]): { ms: number; json: Json; rssKb: number | null } {
  const t0 = performance.now();
  const haveTime = existsSync("/usr/bin/time");
  const cmd = haveTime ? "/usr/bin/time" : "npm";
  const argv = haveTime ? ["-f", "MAXRSS %M", "npm", "run", "-s", "cli", "--", ...args] : ["run", "-s", "cli", "--", ...args];
  const r = spawnSync(cmd, argv, { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`cli ${args.join(" ")} failed: ${r.stderr}`);
  const rss = /MAXRSS (\d+)/.exec(r.stderr ?? "");
  return { ms, json: JSON.parse(r.stdout) as Json, rssKb: rss ? Number(rss[1]) : null };
}

try {
  await migrateDatabase(databaseUrl);
  const bytes = statSync(file).size;
  console.log(`CES responses file: ${fmt(n)} respondents, ${mb(bytes)}; five margins (role, contact_reason, age_band, gender, service_length)`);

  // Import through the product, as an analyst would (a new process).
  const i0 = performance.now();
  const imported = spawnSync("npm", ["run", "-s", "cli", "--", "responses", "import", file], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const importMs = performance.now() - i0;
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr.slice(-2000)}`);
  const summary = JSON.parse(imported.stdout) as { inserted: number; rejected: number };
  console.log(`import (npm run cli -- responses import): ${s(importMs)}, ${fmt(summary.inserted)} inserted, ${summary.rejected} rejected`);
  execFileSync("psql", [databaseUrl, "-qc", `VACUUM ANALYZE "SurveyRespondent"`]);

  const request = ["results", "--survey", "CES", "--measure", "CES_SAT", "--by", "role"];
  const raked = cli([...request, "--weights", "rake", "--targets", targetsFile]);
  const unweighted = cli([...request, "--weights", "none"]);
  const raked2 = cli([...request, "--weights", "rake", "--targets", targetsFile]);
  const unweighted2 = cli([...request, "--weights", "none"]);
  const startup = (() => {
    const t0 = performance.now();
    spawnSync("npm", ["run", "-s", "cli", "--", "--help"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    return performance.now() - t0;
  })();

  // The page's server function, in this process.
  const { saveTargetSet } = await import("@/lib/results/db/target-sets");
  await saveTargetSet({ name: "five-margins", fileName: "targets.csv", text: targetsText(targetRows), actorId: null });
  const { resultsPageData } = await import("@/lib/results/db/results-page");
  const { recordFieldworkRespondent } = await import("@/lib/results/db/fieldwork-respondent");
  const query = { survey: "CES", measure: "CES_SAT", by: "role", weights: "rake", targetSet: "five-margins" };
  let peakRss = 0;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const page = async (q: Record<string, string>) => {
    const t0 = performance.now();
    const d = await resultsPageData(q);
    if (d.error) throw new Error(`page: ${d.error.message}`);
    return { ms: performance.now() - t0, report: d.report! };
  };
  const pageCold = await page(query);
  const pageWarm = await page(query);
  const pageWarmNone = await page({ ...query, weights: "none", targetSet: "" });
  // The statistics alone on respondents already in memory (bench/results's measure).
  const { loadRespondentColumns } = await import("@/lib/results/db/respondent-store");
  const { physicalColumns } = await import("@/lib/results/respondent-columns");
  const { buildDesign, parseTargets } = await import("@/lib/analysis");
  const { measureReport } = await import("@/lib/results/report");
  const { resultsRequestSchema } = await import("@/lib/results/results-request");
  const r = await loadRespondentColumns({
    survey: "CES",
    columns: physicalColumns("CES", ["CES_SAT", "role", "contact_reason", "age_band", "gender", "service_length"]),
  });
  const m0 = performance.now();
  const inMemory = measureReport(
    r,
    buildDesign(r, { method: "rake", targets: parseTargets(targetRows) }),
    resultsRequestSchema.parse({ survey: "CES", measure: "CES_SAT", by: "role", weights: "rake" }),
  );
  const memoryMs = performance.now() - m0;

  await recordFieldworkRespondent({
    survey: "CES",
    respondentRef: "case-bench",
    questionnaireVersion: "CES-2023",
    interviewDate: new Date("2024-03-29T12:00:00Z"),
    periodMonth: "2024-03",
    mode: "PHONE",
    role: "PAYING_PARENT",
    contactReason: "NEW_APPLICATION",
    profile: { age_band: "35-44", gender: "MALE", service_length: "GT3Y" },
    answers: { CES_SAT: { kind: "choice", code: "SATISFIED" } },
  });
  const pageAfterCompletion = await page(query);
  const pageWarmAgain = await page(query);
  clearInterval(timer);

  // R's survey package on the same file, when installed.
  let rLine = "R: Rscript not installed (apt-get install -y r-base-core r-cran-survey): skipped";
  let rAgree = "";
  if (spawnSync("Rscript", ["--version"]).status === 0) {
    const script = path.join(os.tmpdir(), "fieldwork-results-db.R");
    writeFileSync(
      script,
      `
suppressMessages(library(survey))
t0 <- Sys.time()
d <- read.csv("${file}", colClasses = "character")
d$sat <- as.numeric(d$CES_SAT %in% c("VERY_SATISFIED", "SATISFIED"))
des <- svydesign(ids = ~1, data = d)
tg <- read.csv("${targetsFile}")
vars <- unique(tg$variable)
pop <- lapply(vars, function(v) { x <- tg[tg$variable == v, ]; df <- data.frame(x$category, x$population); names(df) <- c(v, "Freq"); df })
r <- rake(des, lapply(vars, function(v) as.formula(paste0("~", v))), pop, control = list(maxit = 100, epsilon = 1e-9, verbose = FALSE))
v <- subset(r, !(CES_SAT %in% c("DK", "REFUSED", "")))
m <- svymean(~sat, v)
b <- svyby(~sat, ~role, v, svymean)
t1 <- Sys.time()
cat(sprintf("ALL %.12f %.12f\\n", coef(m), SE(m)))
for (i in seq_len(nrow(b))) cat(sprintf("%s %.12f %.12f\\n", b$role[i], b$sat[i], b$se[i]))
cat(sprintf("SECONDS %.3f\\n", as.numeric(difftime(t1, t0, units = "secs"))))
`,
    );
    const t0 = performance.now();
    const out = spawnSync("Rscript", [script], { encoding: "utf8", maxBuffer: 1 << 26 });
    const rMs = performance.now() - t0;
    if (out.status !== 0) rLine = `R: failed: ${out.stderr.slice(-500)}`;
    else {
      const lines = Object.fromEntries(
        out.stdout
          .trim()
          .split("\n")
          .map((l) => {
            const [k, ...v] = l.split(" ");
            return [k, v.map(Number)];
          }),
      );
      const ours = [raked.json.overall, ...raked.json.groups];
      const diffs = ours.map((e) => {
        const ref = lines[e.category === "ALL" ? "ALL" : e.category];
        return ref ? [Math.abs(e.estimate! - ref[0]), Math.abs(e.se! / ref[1] - 1)] : [NaN, NaN];
      });
      const maxEst = Math.max(...diffs.map((d) => d[0]));
      const maxSe = Math.max(...diffs.map((d) => d[1]));
      rLine = `R survey (read.csv + rake + svymean + svyby): ${s(rMs)} end to end (${lines.SECONDS[0].toFixed(2)} s inside R); CLI raked is ${(rMs / raked.ms).toFixed(1)}x faster`;
      rAgree = `estimates agree with R to ${maxEst.toExponential(1)} (max |difference|), SEs to ${(maxSe * 100).toFixed(3)}% (relative)${maxEst < 1e-6 ? "" : "  ** DISAGREE **"}`;
    }
  }

  const same = (a: Est[], b: Est[]) =>
    a.every((e, i) => e.category === b[i].category && e.base === b[i].base && Math.abs((e.estimate ?? 0) - (b[i].estimate ?? 0)) < 1e-12);
  const cliEst = [raked.json.overall, ...raked.json.groups];
  const pageEst = [pageWarm.report.results.overall, ...pageWarm.report.results.groups];
  const memEst = [inMemory.results.overall, ...inMemory.results.groups];
  const rss = (kb: number | null) => (kb === null ? "" : `, peak RSS ${mb(kb * 1024)}`);
  console.log("");
  console.log(
    `CES_SAT by role: ${cliEst.map((e) => `${e.category} ${(e.estimate! * 100).toFixed(3)}% (SE ${(e.se! * 100).toFixed(3)}%, base ${fmt(e.base)})`).join("; ")}`,
  );
  const agree = same(cliEst, pageEst) && same(cliEst, memEst);
  console.log(`CLI, page and in-memory estimates ${agree ? "agree to 1e-12" : "** DIFFER **"}${rAgree ? `; ${rAgree}` : ""}`);
  if (!agree) console.log(JSON.stringify({ cliEst, pageEst, memEst }));
  console.log("");
  console.log(`npm run cli -- results, raked (5 margins)  ${s(raked.ms)}, ${s(raked2.ms)}${rss(raked.rssKb)}  (target < 2 s)`);
  console.log(`npm run cli -- results, --weights none      ${s(unweighted.ms)}, ${s(unweighted2.ms)}${rss(unweighted.rssKb)}  (target: no slower than raked)`);
  console.log(`  of which the CLI starting (npm run -s cli -- --help): ${s(startup)}`);
  console.log(`results page server function (detail: series, drivers, distribution), raked:`);
  console.log(`  first request of the process  ${s(pageCold.ms)}`);
  console.log(`  next request                  ${s(pageWarm.ms)}  (target < 2 s)`);
  console.log(`  next request, --weights none  ${s(pageWarmNone.ms)}`);
  console.log(`  after a completed interview   ${s(pageAfterCompletion.ms)} (its changed respondent read again), then ${s(pageWarmAgain.ms)}`);
  console.log(`  peak RSS of this process ${mb(peakRss)} (target < 1 GB)`);
  console.log(`statistics alone, respondents in memory (bench/results's figure): ${s(memoryMs)}`);
  console.log(
    `ratios to the in-memory figure: CLI raked ${(raked2.ms / memoryMs).toFixed(1)}x, page warm ${(pageWarm.ms / memoryMs).toFixed(1)}x, page cold ${(pageCold.ms / memoryMs).toFixed(1)}x`,
  );
  console.log(rLine);
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} (figures under load are slower than on a quiet machine)`,
  );
} finally {
  const { disconnectDb } = await import("@/lib/db/client");
  const { closeRespondentStore } = await import("@/lib/results/db/respondent-store");
  await closeRespondentStore().catch(() => undefined);
  await disconnectDb().catch(() => undefined);
  if (process.env.BENCH_KEEP === "1") process.stderr.write(`kept database ${name} (drop it when done)\n`);
  else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
