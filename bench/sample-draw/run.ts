/**
 * Benchmark (issues 6 and 16): draw a sample of 10,000 from the busiest month of
 * the 2,500,000-row benchmark frame (lib/sampling/db/draw-sample/draw-sample.ts: SQL population
 * and waterfall, allocation, seeded stratified SRSWOR, cases written, audited).
 * Target: the committed draw under 1 s. Baseline, timed in the same run: one
 * bare SQL statement that applies the same exclusions (the draw's own population
 * SQL) and takes a seeded stratified random selection of the same per-stratum
 * sizes into a table (each stratum ordered by a seeded hash of client_ref);
 * printed as the ratio draw / baseline.
 *
 * Run: node --conditions=react-server --import tsx bench/sample-draw/run.ts [rows] [size] [runs]
 * With runs > 1 (default 3), the baseline and the committed draw are timed that
 * many times (each draw but the last undone before the next), and the median
 * is the figure: the machine is shared and single runs are noisy.
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
const runs = Number(process.argv[4] ?? 3);
const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(", ");

// the frame-import benchmark's file (named by its columns too, so an older column list is never reused)
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
  const { populationSql } = await import("@/lib/sampling/db/draw-sample/population");
  const { contactPeriod, SURVEY_DESIGNS } = await import("@/lib/sampling/surveys");
  const { parseStratumKey } = await import("@/lib/sampling/draw/strata");

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

  // The bare SQL baseline: the same population and exclusions, the preview's
  // per-stratum sizes, a seeded random order per stratum, into a table.
  const design = SURVEY_DESIGNS[input.survey];
  const period = contactPeriod(input.period, input.periodCode);
  const population = populationSql({
    service: design.frame,
    from: period.from,
    to: period.to,
    contactReasons: design.contactReasons,
    mode: input.mode,
    at: new Date(),
  });
  const sized = preview.strata.filter((s) => s.allocated > 0);
  const n = population.values.length;
  const bare = async () => {
    await db().$executeRawUnsafe(`DROP TABLE IF EXISTS bare_draw`);
    const b0 = performance.now();
    const count = await db().$executeRawUnsafe(
      `CREATE TABLE bare_draw AS
       WITH population AS (${population.text}),
       sizes AS (SELECT * FROM unnest($${n + 1}::"ContactReason"[], $${n + 2}::"ClientRole"[], $${n + 3}::int[]) AS z(reason, "role", size)),
       ranked AS (
         SELECT client_id, reason, "role", row_number() OVER (PARTITION BY reason, "role" ORDER BY hashtextextended(client_ref, $${n + 4})) AS rn
         FROM population WHERE excluded_by IS NULL
       )
       SELECT r.client_id, r.reason, r."role" FROM ranked r JOIN sizes z USING (reason, "role") WHERE r.rn <= z.size`,
      ...population.values,
      sized.map((s) => parseStratumKey(s.stratum).contactReason),
      sized.map((s) => parseStratumKey(s.stratum).role),
      sized.map((s) => s.allocated),
      preview.seed,
    );
    const took = (performance.now() - b0) / 1000;
    await db().$executeRawUnsafe(`DROP TABLE bare_draw`);
    return { took, count };
  };

  const drawTimes: number[] = [];
  const bareTimes: number[] = [];
  let drawn!: Awaited<ReturnType<typeof drawSample>>;
  for (let run = 0; run < runs; run++) {
    const b = await bare();
    bareTimes.push(b.took);
    if (b.count !== preview.requested - preview.shortfall) throw new Error(`the baseline drew ${b.count}, not ${preview.requested - preview.shortfall}`);
    const d0 = performance.now();
    drawn = await drawSample({ input, actorId: null });
    drawTimes.push((performance.now() - d0) / 1000);
    if (run < runs - 1) {
      // Undo the draw (its cases would exclude these clients from the next) and draw again.
      for (const table of ["SampleCase", "SampleStratum"]) await db().$executeRawUnsafe(`DELETE FROM "${table}" WHERE "sampleId" = $1::uuid`, drawn.sampleId);
      await db().$executeRawUnsafe(`DELETE FROM "Sample" WHERE "id" = $1::uuid`, drawn.sampleId);
    }
  }
  const drawSeconds = median(drawTimes);
  const bareSeconds = median(bareTimes);

  // A second survey month drawn after the first (its six-month rule now has cases to look at).
  const next = `${busiest.month.slice(0, 5)}${String(Number(busiest.month.slice(5)) + 1).padStart(2, "0")}`;
  const n0 = performance.now();
  const second = await drawSample({ input: { ...input, periodCode: next }, actorId: null });
  const secondSeconds = (performance.now() - n0) / 1000;
  await disconnectDb();

  console.log(`sample draw benchmark: ${fmt(size)} from CMS ${busiest.month}, the busiest month of a ${fmt(rows)}-row frame (${os.cpus().length} cores)`);
  console.log(`  population ${fmt(drawn.population)}, eligible ${fmt(drawn.eligible)}, ${drawn.strata.length} strata, drawn ${fmt(drawn.drawn)}`);
  console.log(`  preview (counts only): ${previewSeconds.toFixed(2)} s`);
  console.log(`  bare SQL baseline:     ${bareSeconds.toFixed(2)} s (median of ${seconds(bareTimes)})`);
  console.log(`  draw (committed):      ${drawSeconds.toFixed(2)} s (median of ${seconds(drawTimes)}) (target < 1 s) ${drawSeconds < 1 ? "OK" : "MISSED"}`);
  console.log(`  ratio draw / baseline: ${(drawSeconds / bareSeconds).toFixed(2)}x`);
  console.log(
    `  next month's draw:     ${secondSeconds.toFixed(2)} s (${fmt(second.drawn)} from ${fmt(second.population)}, ${fmt(second.waterfall.find((s) => s.rule === "SURVEYED_IN_LAST_SIX_MONTHS")?.excluded ?? 0)} excluded as surveyed in the last six months)`,
  );
  if (preview.eligible !== drawn.eligible) throw new Error("preview and draw disagree");
} finally {
  if (process.env.BENCH_KEEP === "1") process.stderr.write(`kept database ${name} (BENCH_DATABASE=${name} to reuse; drop it when done)\n`);
  else await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
