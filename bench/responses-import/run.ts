/**
 * Benchmark (issue 16): import a CES responses file of N rows (default 1,000,000)
 * through the product's own path (lib/results/db/import-responses.ts: streamed
 * check, COPY into staging, one set-based upsert) and compare with `psql \copy`
 * of the same file into a table of text columns, measured in the same run.
 * Targets: at most 3x the \copy time; peak RSS under 500 MB. Also prints the
 * database's floor for a first import (databaseFloor below), measured in the
 * same run, and the time to store the columns for results after each commit.
 * After the first import: the same file again (every respondent unchanged:
 * compared, not rewritten), then a file of the same respondents with other
 * answers (every respondent replaced).
 *
 * Run: node --conditions=react-server --import tsx bench/responses-import/run.ts [rows]
 * The file is the one bench/results-db generates (kept in the system temp
 * folder); uses the PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL for
 * another local one); creates its own database and drops it.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { csvLine } from "@/lib/sampling/csv-safe";
import { syntheticCes } from "@/lib/results/synthetic-file";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, assertLocal } from "@/test/pg-server";

const n = Number(process.argv[2] ?? 1_000_000);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const fmt = (x: number) => Math.round(x).toLocaleString("en-GB");

const BATCH = 100_000;
/**
 * The CES file of n respondents (made once, kept in the temp folder). `seedBase`
 * 1600 is bench/results-db's file; another gives the same respondents (the same
 * refs) with other answers and profiles: a correction of every row.
 */
async function cesFile(seedBase: number): Promise<string> {
  const file = path.join(os.tmpdir(), seedBase === 1600 ? `fieldwork-ces-${n}.csv` : `fieldwork-ces-${n}-seed${seedBase}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${fmt(n)} respondents into ${file}...\n`);
  const first = syntheticCes(1, 16, 2_300_000);
  const out = createWriteStream(`${file}.part`);
  out.write(csvLine(first.header) + "\r\n");
  for (let k = 0; k * BATCH < n; k++) {
    const part = syntheticCes(Math.min(BATCH, n - k * BATCH), seedBase + k, 2_300_000, `CES${k}`);
    if (!out.write(part.rows.map((r) => csvLine(first.header.map((h) => r[h] ?? ""))).join("\r\n") + "\r\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  renameSync(`${file}.part`, file);
  return file;
}
// Each file is made by a process of its own (`run.ts N --generate SEED`), so making one puts nothing on this process's RSS.
const generate = process.argv.indexOf("--generate");
if (generate !== -1) {
  await cesFile(Number(process.argv[generate + 1]));
  process.exit(0);
}
const fileFor = (seedBase: number) => {
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(n), "--generate", String(seedBase)], { stdio: "inherit" });
  return cesFile(seedBase);
};
const file = await fileFor(1600);
const changedFile = await fileFor(5600);
const bytes = statSync(file).size;
const copyFile = path.join(os.tmpdir(), `fieldwork-ces-${n}-${randomBytes(4).toString("hex")}.copy`);

/** Seconds the product's first-import SQL takes on already-checked COPY text (see where it is called). */
async function databaseFloor(): Promise<number> {
  const { db } = await import("@/lib/db/client");
  const { ResponseStream } = await import("@/lib/results/response-stream");
  const { startFirstLoad } = await import("@/lib/results/db/first-load");
  const imp = await db().responseImport.create({ data: { fileName: "floor.csv", strict: false } });
  const stream = new ResponseStream(undefined, undefined, { importId: imp.id.toString() });
  const out = createWriteStream(copyFile);
  for await (const c of stream.copyText(createReadStream(file, { highWaterMark: 1 << 20 }))) if (!out.write(c)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  const t0 = performance.now();
  const load = await startFirstLoad();
  if (load === null) throw new Error("SurveyRespondent is not empty");
  try {
    await load.copy(createReadStream(copyFile, { highWaterMark: 1 << 20 }));
    await load.settleDuplicates(stream);
    // Builds the rest, then stops short of committing.
    await load
      .complete(stream, async () => {
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    return (performance.now() - t0) / 1000;
  } finally {
    await load.abandon();
    rmSync(copyFile, { force: true });
    await db().responseImport.delete({ where: { id: imp.id } });
  }
}

const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;

try {
  await migrateDatabase(databaseUrl);
  // The header from the first 4 KB (reading the whole file here put 200 MB on the peak RSS the benchmark reports).
  const head = Buffer.alloc(4096);
  const fd = openSync(file, "r");
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const header = head.subarray(0, got).toString("utf8").split(/\r?\n/)[0].split(",");
  execFileSync("psql", [databaseUrl, "-qc", `CREATE TABLE copy_baseline (${header.map((c) => `"${c}" text`).join(", ")})`]);
  const c0 = performance.now();
  execFileSync("psql", [databaseUrl, "-qc", `\\copy copy_baseline FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
  const copySeconds = (performance.now() - c0) / 1000;
  execFileSync("psql", [databaseUrl, "-qc", "DROP TABLE copy_baseline; CHECKPOINT"]);

  // The database's own floor for the product's first import: the same SQL
  // (lib/results/db/first-load.ts: TRUNCATE, indexes and keys dropped, COPY
  // FREEZE, the indexes and keys built again) fed the product's own COPY text,
  // already checked and written to a file, so no CSV is parsed while it is
  // timed; rolled back. What is left of the product's time above it is the
  // parse (on the other core, in parallel) and the handing over.
  const floorSeconds = await databaseFloor();

  const { importResponses } = await import("@/lib/results/db/import-responses");
  let peakRss = process.memoryUsage().rss;
  const startRss = peakRss;
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  let importPeak = 0;
  const timings: string[] = [];
  const onTiming = (step: string, seconds: number) => timings.push(`    ${step}: ${seconds.toFixed(2)} s (peak RSS so far ${mb(peakRss)})`);
  const i0 = performance.now();
  const r = await importResponses({ input: createReadStream(file, { highWaterMark: 1 << 20 }), fileName: path.basename(file), onTiming });
  const importSeconds = (performance.now() - i0) / 1000;
  importPeak = Math.max(peakRss, process.memoryUsage().rss);
  // Committed; then the surveys' columns are stored for results (not part of the import's time, printed on its own).
  await r.columnsStored;
  const storeSeconds = (performance.now() - i0) / 1000 - importSeconds;
  /** A later import of `from`: its seconds, its result, and the seconds its columns then took to store. */
  const later = async (from: string, label: string) => {
    timings.push(`  (${label})`);
    const t0 = performance.now();
    const result = await importResponses({ input: createReadStream(from, { highWaterMark: 1 << 20 }), fileName: path.basename(from), onTiming });
    const seconds = (performance.now() - t0) / 1000;
    await result.columnsStored;
    return { result, seconds, storeSeconds: (performance.now() - t0) / 1000 - seconds };
  };
  // The same file again: every respondent unchanged (compared, not rewritten).
  const again = await later(file, "same file again");
  // The same respondents with other answers: every respondent replaced (the update path).
  const changed = await later(changedFile, "every respondent changed");
  clearInterval(timer);

  console.log(`responses file: ${fmt(n)} rows, ${mb(bytes)}`);
  console.log(`psql \\copy into text columns      ${copySeconds.toFixed(2)} s`);
  console.log(
    `product import (first)            ${importSeconds.toFixed(2)} s: ${fmt(r.inserted)} inserted, ${r.rejected} rejected  ratio ${(importSeconds / copySeconds).toFixed(2)}x  (target <= 3x)`,
  );
  console.log(
    `database floor (same SQL, checked COPY text from a file) ${floorSeconds.toFixed(2)} s = ${(floorSeconds / copySeconds).toFixed(2)}x \\copy; the product import is ${(importSeconds / floorSeconds).toFixed(2)}x the floor`,
  );
  console.log(
    `  then its columns stored for results ${storeSeconds.toFixed(2)} s more (after the commit; a results request before then reads the respondents)`,
  );
  for (const [label, { result, seconds, storeSeconds: stored }] of [
    ["same file again", again],
    ["every respondent changed", changed],
  ] as const) {
    console.log(
      `product import (${label}) ${seconds.toFixed(2)} s: ${fmt(result.updated)} updated, ${fmt(result.unchanged)} unchanged, ${fmt(result.inserted)} inserted  ratio ${(seconds / copySeconds).toFixed(2)}x`,
    );
    console.log(`  then its columns stored for results ${stored.toFixed(2)} s more`);
  }
  console.log(
    `peak RSS ${mb(importPeak)} during the first import (target < 500 MB; ${mb(startRss)} before it), ${mb(peakRss)} over the whole run (the three imports and storing the columns)`,
  );
  console.log(`where the time goes (first import):\n${timings.join("\n")}`);
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} (figures under load are slower than on a quiet machine)`,
  );
} finally {
  rmSync(copyFile, { force: true });
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb().catch(() => undefined);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
