/**
 * Benchmark (issue 6): import a 2,500,000-row sampling frame through the
 * product's own import path (lib/sampling/db/frame-import/import-frame.ts: streaming parse,
 * COPY into staging, set-based upsert) and compare with `psql \copy` of the same
 * file into an unindexed table, measured in the same run.
 * Targets: at most 3x the \copy time; peak memory under 500 MB.
 *
 * Run: node --conditions=react-server --import tsx bench/frame-import/run.ts [rows] [later rows]
 * With a second number, then imports a later frame of that many rows (2016
 * contacts, client refs overlapping the first's) into the loaded frame: the
 * merge path (updates, history, inserts) rather than the first-import path,
 * against its floor (issue 16: `\copy` of the same rows plus the index updates
 * PostgreSQL must make; mergeFloor below says how it is measured).
 * Target: within 3x of that floor.
 * Uses the PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL for another
 * local one); creates its own database and drops it (BENCH_KEEP=1 keeps it). The generated frame is
 * kept in the system temp folder between runs.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { GENERATED_FRAME_HEADER, writeFrameCsv } from "@/lib/sampling/frame/generate";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, assertLocal } from "@/test/pg-server";

const rows = Number(process.argv[2] ?? 2_500_000);
const laterRows = process.argv[3] ? Number(process.argv[3]) : null;
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

// named by its columns too, so a frame file of an older column list is never reused
const file = path.join(os.tmpdir(), `fieldwork-frame-${rows}-2015-${GENERATED_FRAME_HEADER.split(",").length}cols.csv`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${fmt(rows)} rows into ${file}...\n`);
  await writeFrameCsv(file, { rows, seed: 2015 });
}
const bytes = statSync(file).size;

const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;

try {
  await migrateDatabase(databaseUrl);

  // Baseline: psql \copy into a table with the file's columns, no keys, no indexes.
  const header = (await import("@/lib/sampling/frame/generate")).GENERATED_FRAME_HEADER.split(",");
  execFileSync("psql", [databaseUrl, "-qc", `CREATE TABLE copy_baseline (${header.map((c) => `${c} text`).join(", ")})`]);
  const c0 = performance.now();
  execFileSync("psql", [databaseUrl, "-qc", `\\copy copy_baseline FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
  const copySeconds = (performance.now() - c0) / 1000;
  execFileSync("psql", [databaseUrl, "-qc", "DROP TABLE copy_baseline; CHECKPOINT"]);

  const { importFrame } = await import("@/lib/sampling/db/frame-import/import-frame");
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let atPeak = before;
  let stepPeak = before.rss;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    stepPeak = Math.max(stepPeak, m.rss);
    if (m.rss > peakRss) [peakRss, atPeak] = [m.rss, m];
  }, 50);
  let lastShown = 0;
  const timings: [string, number, number][] = [];
  const i0 = performance.now();
  const result = await importFrame({
    input: createReadStream(file, { highWaterMark: 1 << 20 }),
    fileName: path.basename(file),
    strict: false,
    actorId: null,
    onTiming: (step, seconds) => {
      stepPeak = Math.max(stepPeak, process.memoryUsage().rss);
      timings.push([step, seconds, stepPeak]);
      stepPeak = 0;
    },
    onProgress: ({ bytes: read }) => {
      const pct = Math.floor((read / bytes) * 10);
      if (pct > lastShown) {
        lastShown = pct;
        process.stderr.write(`  read ${pct * 10}% (${((performance.now() - i0) / 1000).toFixed(1)} s)\n`);
      }
    },
  });
  const importSeconds = (performance.now() - i0) / 1000;
  clearInterval(timer);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const ratio = importSeconds / copySeconds;
  console.log(`frame import benchmark: ${fmt(rows)} rows, ${mb(bytes)} (${os.cpus().length} cores)`);
  console.log(`  psql \\copy (unindexed table): ${copySeconds.toFixed(1)} s, ${fmt(rows / copySeconds)} rows/s`);
  console.log(`  frame import (product path):  ${importSeconds.toFixed(1)} s, ${fmt(rows / importSeconds)} rows/s`);
  console.log(`    inserted ${fmt(result.inserted)}, updated ${fmt(result.updated)}, rejected ${fmt(result.rejected)}`);
  console.log(`  ratio to \\copy: ${ratio.toFixed(2)}x (target <= 3x) ${ratio <= 3 ? "OK" : "MISSED"}`);
  for (const [step, seconds, rss] of timings) console.log(`    ${step.padEnd(52)} ${seconds.toFixed(2).padStart(6)} s   (peak RSS ${mb(rss)})`);
  console.log(`  peak RSS: ${mb(peakRss)} (target < 500 MB) ${peakRss < 500 * 2 ** 20 ? "OK" : "MISSED"}`);
  console.log(
    `    before the import: RSS ${mb(before.rss)}, heap ${mb(before.heapUsed)}; at the peak: heap ${mb(atPeak.heapUsed)}, array buffers ${mb(atPeak.arrayBuffers)}`,
  );
  if (laterRows !== null) {
    const later = path.join(os.tmpdir(), `fieldwork-frame-${laterRows}-2016.csv`);
    if (!existsSync(later)) await writeFrameCsv(later, { rows: laterRows, seed: 2016, year: 2016 });
    const floor = await mergeFloor(databaseUrl, later);
    const steps: [string, number][] = [];
    const l0 = performance.now();
    const second = await importFrame({
      input: createReadStream(later, { highWaterMark: 1 << 20 }),
      fileName: path.basename(later),
      strict: false,
      actorId: null,
      onTiming: (step, seconds) => steps.push([step, seconds]),
    });
    const laterSeconds = (performance.now() - l0) / 1000;
    const floorSeconds = floor.copy + floor.frameIndexes + floor.historyIndexes;
    const laterRatio = laterSeconds / floorSeconds;
    console.log(`  later import of ${fmt(laterRows)} rows into the ${fmt(result.inserted)}-client frame: ${laterSeconds.toFixed(1)} s`);
    console.log(`    inserted ${fmt(second.inserted)}, updated ${fmt(second.updated)}, history only ${fmt(second.historyOnly)}`);
    for (const [step, seconds] of steps) console.log(`    ${step.padEnd(52)} ${seconds.toFixed(2).padStart(6)} s`);
    console.log(
      `    floor ${floorSeconds.toFixed(2)} s: psql \\copy of the file ${floor.copy.toFixed(2)} s + the frame's indexes for ${fmt(floor.frameRows)} row versions ${floor.frameIndexes.toFixed(2)} s + the history's indexes for ${fmt(floor.historyRows)} contacts ${floor.historyIndexes.toFixed(2)} s`,
    );
    console.log(`    ratio to the floor: ${laterRatio.toFixed(2)}x (target <= 3x) ${laterRatio <= 3 ? "OK" : "MISSED"}`);
  }
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
} finally {
  if (process.env.BENCH_KEEP === "1") process.stderr.write(`kept database ${name} (drop it when done)\n`);
  else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * The later import's floor (issue 16): `psql \copy` of the same rows into an
 * unindexed table of text columns, plus the time PostgreSQL needs to update the
 * indexes the merge must: every staged row becomes a new row version in the
 * frame (a new client, or a changed contact date, which no HOT update can keep
 * out of the indexes), each with an entry in the frame's three indexes, and every
 * client already in the frame gets a history row with an entry in its four. Each
 * index cost is measured as the difference between inserting those rows into the
 * real table (its 2.5M-entry indexes; refs suffixed so they are new keys) and
 * into an unindexed copy of it, in a transaction rolled back.
 */
async function mergeFloor(databaseUrl: string, file: string) {
  const header = GENERATED_FRAME_HEADER.split(",");
  execFileSync("psql", [databaseUrl, "-qc", `CREATE TABLE copy_later (${header.map((c) => `${c} text`).join(", ")})`]);
  const c0 = performance.now();
  execFileSync("psql", [databaseUrl, "-qc", `\\copy copy_later FROM '${file}' WITH (FORMAT csv, HEADER true)`]);
  const copy = (performance.now() - c0) / 1000;
  execFileSync("psql", [databaseUrl, "-qc", "DROP TABLE copy_later"]);

  // The rows as the import stages them (parsed and checked), untimed.
  const { parseFrameToCopy } = await import("@/lib/sampling/frame/parallel");
  const { copyIntoStaging } = await import("@/lib/sampling/db/frame-import/merge");
  const { STAGING_COLUMNS, STAGING_COLUMN_LIST } = await import("@/lib/sampling/frame/copy");
  const { openPgConnection } = await import("@/lib/sampling/db/pg");
  const staging = "_bench_floor_staging";
  // Sealed with a throw-away key: these rows are never read back.
  const parse = parseFrameToCopy(createReadStream(file, { highWaterMark: 1 << 20 }), { sealKey: { id: 1, key: randomBytes(32) } });
  await copyIntoStaging(
    staging,
    (async function* () {
      for (let step = await parse.next(); !step.done; step = await parse.next()) yield step.value;
    })(),
  );
  const pg = await openPgConnection();
  const timed = async (sql: string) => {
    const t0 = performance.now();
    const r = await pg.query(sql);
    return { seconds: (performance.now() - t0) / 1000, rows: r.rowCount ?? 0 };
  };
  try {
    await pg.query("BEGIN");
    await pg.query(`CREATE TABLE floor_frame (LIKE "FrameClient" INCLUDING DEFAULTS)`);
    const values = STAGING_COLUMNS.map((c) => (c === "clientRef" ? `s."clientRef" || '~'` : `s."${c}"`)).join(", ");
    const framePlain = await timed(`INSERT INTO floor_frame (${STAGING_COLUMN_LIST}) SELECT ${values} FROM "${staging}" s`);
    const frameIndexed = await timed(`INSERT INTO "FrameClient" (${STAGING_COLUMN_LIST}) SELECT ${values} FROM "${staging}" s`);
    await pg.query(`CREATE TEMP TABLE floor_contacts AS
      SELECT f."id" AS "clientId", f."contactDate", f."contactReason", f."role"
      FROM "${staging}" s JOIN "FrameClient" f ON f."service" = s."service" AND f."clientRef" = s."clientRef"`);
    await pg.query(`CREATE TABLE floor_history (LIKE "ClientContact" INCLUDING DEFAULTS)`);
    await pg.query(`CREATE TABLE floor_history_indexed (LIKE "ClientContact" INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const columns = `"clientId", "contactDate", "contactReason", "role"`;
    const historyPlain = await timed(`INSERT INTO floor_history (${columns}) SELECT ${columns} FROM floor_contacts`);
    const historyIndexed = await timed(`INSERT INTO floor_history_indexed (${columns}) SELECT ${columns} FROM floor_contacts`);
    return {
      copy,
      frameRows: frameIndexed.rows,
      frameIndexes: Math.max(0, frameIndexed.seconds - framePlain.seconds),
      historyRows: historyIndexed.rows,
      historyIndexes: Math.max(0, historyIndexed.seconds - historyPlain.seconds),
    };
  } finally {
    await pg.query("ROLLBACK").catch(() => undefined);
    await pg.query(`DROP TABLE IF EXISTS "${staging}"`);
    // The rolled-back rows are dead tuples the merge would otherwise read past.
    await pg.query(`VACUUM "FrameClient"`);
    await pg.end();
  }
}
