/**
 * Benchmark (issue 6): draw a sample of 10,000 from the busiest month of the
 * 2,500,000-row benchmark frame (lib/sampling/db/draw-sample/draw-sample.ts: SQL population
 * and waterfall, allocation, seeded stratified SRSWOR, cases written, audited).
 * Target: under 1.5 s.
 *
 * Run: node --conditions=react-server --import tsx bench/sample-draw/run.ts [rows] [size]
 * Uses the PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL for another
 * local one); creates its own database, imports the frame, drops it at the end.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { GENERATED_FRAME_HEADER, writeFrameCsv } from "@/lib/sampling/frame/generate";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, assertLocal } from "@/test/pg-server";

const rows = Number(process.argv[2] ?? 2_500_000);
const size = Number(process.argv[3] ?? 10_000);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

// the same file as bench/frame-import (named by its columns, so an older column list is never reused)
const file = path.join(os.tmpdir(), `fieldwork-frame-${rows}-2015-${GENERATED_FRAME_HEADER.split(",").length}cols.csv`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${fmt(rows)} rows into ${file}...\n`);
  await writeFrameCsv(file, { rows, seed: 2015 });
}

// BENCH_DATABASE=<name> reuses a database a run kept with BENCH_KEEP=1 (skips the import).
const reuse = process.env.BENCH_DATABASE;
const name = reuse ?? `fw_bench_${randomBytes(6).toString("hex")}`;
if (!reuse) await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

try {
  if (!reuse) await migrateDatabase(url.toString());
  const { importFrame } = await import("@/lib/sampling/db/frame-import/import-frame");
  const { drawSample } = await import("@/lib/sampling/db/draw-sample/draw-sample");
  const { drawSampleSchema } = await import("@/lib/sampling/schemas");
  const { db, disconnectDb } = await import("@/lib/db/client");

  if (reuse) {
    // Start from the imported frame alone.
    for (const table of ["SampleCase", "SampleStratum", "Sample"]) await db().$executeRawUnsafe(`DELETE FROM "${table}"`);
  } else {
    process.stderr.write(`importing ${file}...\n`);
    const imported = await importFrame({
      input: createReadStream(file, { highWaterMark: 1 << 20 }),
      fileName: path.basename(file),
      strict: false,
      actorId: null,
    });
    process.stderr.write(`imported ${fmt(imported.inserted)} clients in ${imported.seconds.toFixed(1)} s\n`);
    await db().$executeRawUnsafe(`VACUUM ANALYZE "FrameClient"`);
  }

  const [busiest] = await db().$queryRawUnsafe<{ month: string; clients: number }[]>(
    `SELECT to_char("contactDate", 'YYYY-MM') AS month, count(*)::int AS clients FROM "FrameClient" WHERE "service" = 'CMS' GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const input = drawSampleSchema.parse({ survey: "CMS", month: busiest.month, mode: "PHONE", allocation: "proportional", size, seed: 2015 });

  const p0 = performance.now();
  const preview = await drawSample({ input, actorId: null, preview: true });
  const previewSeconds = (performance.now() - p0) / 1000;

  const d0 = performance.now();
  const drawn = await drawSample({ input, actorId: null });
  const drawSeconds = (performance.now() - d0) / 1000;

  // A second survey month drawn after the first (its six-month rule now has cases to look at).
  const next = `${busiest.month.slice(0, 5)}${String(Number(busiest.month.slice(5)) + 1).padStart(2, "0")}`;
  const n0 = performance.now();
  const second = await drawSample({ input: { ...input, periodCode: next }, actorId: null });
  const secondSeconds = (performance.now() - n0) / 1000;
  await disconnectDb();

  console.log(`sample draw benchmark: ${fmt(size)} from CMS ${busiest.month}, the busiest month of a ${fmt(rows)}-row frame (${os.cpus().length} cores)`);
  console.log(`  population ${fmt(drawn.population)}, eligible ${fmt(drawn.eligible)}, ${drawn.strata.length} strata, drawn ${fmt(drawn.drawn)}`);
  console.log(`  preview (counts only): ${previewSeconds.toFixed(2)} s`);
  console.log(`  draw (committed):      ${drawSeconds.toFixed(2)} s (target < 1.5 s) ${drawSeconds < 1.5 ? "OK" : "MISSED"}`);
  console.log(
    `  next month's draw:     ${secondSeconds.toFixed(2)} s (${fmt(second.drawn)} from ${fmt(second.population)}, ${fmt(second.waterfall.find((s) => s.rule === "SURVEYED_IN_LAST_SIX_MONTHS")?.excluded ?? 0)} excluded as surveyed in the last six months)`,
  );
  if (preview.eligible !== drawn.eligible) throw new Error("preview and draw disagree");
} finally {
  if (process.env.BENCH_KEEP === "1") process.stderr.write(`kept database ${name} (BENCH_DATABASE=${name} to reuse; drop it when done)\n`);
  else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
