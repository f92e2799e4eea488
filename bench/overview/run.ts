/**
 * Benchmark (issue 15): the control room's overview of 12 samples of 10,000 cases
 * each with 60,000 call attempts, while 20 supervisors refresh it at once (every half second) and 50
 * interviewers take cases (the product's takeNextCase, as bench/next-case).
 * Prints both from one run: the overview's latency computed afresh for every
 * request (no sharing), the latency through the app's shared result
 * (sharedControlRoomOverview: the latest result at once, one recomputation at a time in the background), and
 * the interviewers' next-case latency meanwhile. Target: overview p95 < 200 ms.
 *
 * Run: node --conditions=react-server --import tsx bench/overview/run.ts [seconds]
 * Uses the PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_ADMIN_URL for another local
 * one); creates its own database, applies the migrations, and drops it.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, assertLocal } from "@/test/pg-server";

const SECONDS = Number(process.argv[2] ?? 20);
const SAMPLES = 12;
const CASES = 10_000;
const ATTEMPTED = 2_500; // per sample, two attempts each: 60,000 attempts
const SUPERVISORS = 20;
const INTERVIEWERS = 50;
// Wednesday 25 November 2026, 10:00 UK: inside calling hours whenever the benchmark runs.
const NOW = new Date("2026-11-25T10:00:00Z");

const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
assertLocal(adminUrl);
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const databaseUrl = url.toString();
process.env.DATABASE_URL = databaseUrl;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `n ${s.length}, p50 ${pct(s, 50).toFixed(1)} ms, p95 ${pct(s, 95).toFixed(1)} ms, max ${s[s.length - 1]?.toFixed(1)} ms`;
};
const pools: pg.Pool[] = [];
const newPool = (max: number, options: object = {}) => {
  const p = new pg.Pool({ connectionString: databaseUrl, max, ...options });
  p.on("error", () => undefined);
  pools.push(p);
  return p;
};

try {
  await migrateDatabase(databaseUrl);
  const setup = newPool(2);
  process.stderr.write(
    `generating ${SAMPLES} samples of ${CASES.toLocaleString("en-GB")} cases and ${(SAMPLES * ATTEMPTED * 2).toLocaleString("en-GB")} call attempts...\n`,
  );
  await setup.query(`
    INSERT INTO "FrameClient" ("service", "clientRef", "role", "contactReason", "contactDate", "englishSpeaking", "potentiallyViolent", "researchConsent", "hasAddress", "hasPhone")
    SELECT 'CMS', 'B' || g, CASE WHEN g % 2 = 0 THEN 'RECEIVING_PARENT' ELSE 'PAYING_PARENT' END::"ClientRole",
           (ARRAY['NEW_APPLICATION', 'ARREARS', 'CHANGE_OF_CIRCUMSTANCES'])[1 + g % 3]::"ContactReason", DATE '2025-06-15', true, false, true, true, true
    FROM generate_series(0, ${SAMPLES * CASES - 1}) g`);
  await setup.query(
    `
    INSERT INTO "Sample" ("id", "survey", "month", "mode", "seed", "allocationMethod", "requestedSize", "allocation", "waterfall", "population", "eligible", "drawn", "drawnAt")
    SELECT gen_random_uuid(), 'CMS', '2025-' || lpad((s + 1)::text, 2, '0'), 'PHONE', 1, 'PROPORTIONAL', ${CASES}, '{}', '[]', ${CASES}, ${CASES}, ${CASES}, $1::timestamp - (s || ' minutes')::interval
    FROM generate_series(0, ${SAMPLES - 1}) s`,
    [NOW.toISOString()],
  );
  // Six strata (and quota cells, target 300 each) per sample: role x contact reason.
  await setup.query(`
    INSERT INTO "SampleStratum" ("sampleId", "stratum", "quarter", "contactReason", "role", "population", "eligible", "allocated", "drawn")
    SELECT s."id", '2025-Q' || (1 + (substr(s."month", 6, 2)::int - 1) / 3) || '|' || r.reason || '|' || r.role, '2025-Q' || (1 + (substr(s."month", 6, 2)::int - 1) / 3),
           r.reason::"ContactReason", r.role::"ClientRole", ${CASES / 6}, ${CASES / 6}, ${CASES / 6}, ${CASES / 6}
    FROM "Sample" s CROSS JOIN (SELECT unnest(ARRAY['NEW_APPLICATION', 'ARREARS', 'CHANGE_OF_CIRCUMSTANCES']) AS reason) rr
    CROSS JOIN LATERAL (SELECT rr.reason, unnest(ARRAY['RECEIVING_PARENT', 'PAYING_PARENT']) AS role) r`);
  await setup.query("ANALYZE");
  await setup.query(`INSERT INTO "QuotaCell" ("sampleId", "stratumId", "target") SELECT "sampleId", "id", 300 FROM "SampleStratum"`);
  // Cases: client k of sample s; the first ATTEMPTED have two attempts over the last 14 days
  // (1 in 10 complete, 1 in 10 refused, 1 in 10 disconnected, the rest to retry later); the rest fresh.
  await setup.query(
    `
    WITH s AS (SELECT "id", row_number() OVER (ORDER BY "month") - 1 AS n FROM "Sample"),
    first AS (SELECT min("id") AS id FROM "FrameClient"),
    c AS (
      -- client k of sample s is the frame's (s * CASES + k)th row, inserted in that order above
      SELECT s."id" AS "sampleId", s.n, g AS i, first.id + s.n * ${CASES} + g AS "clientId",
             CASE WHEN (s.n * ${CASES} + g) % 2 = 0 THEN 'RECEIVING_PARENT' ELSE 'PAYING_PARENT' END AS role,
             (ARRAY['NEW_APPLICATION', 'ARREARS', 'CHANGE_OF_CIRCUMSTANCES'])[1 + (s.n * ${CASES} + g) % 3] AS reason
      FROM s CROSS JOIN first CROSS JOIN generate_series(0, ${CASES - 1}) g)
    INSERT INTO "SampleCase" ("sampleId", "stratumId", "clientId", "mode", "designWeight", "drawOrder", "disposition", "attempts", "final", "nextCallAt")
    SELECT c."sampleId", st."id", c."clientId", 'PHONE', 1, c.i,
           CASE WHEN c.i >= ${ATTEMPTED} THEN '3.11' WHEN c.i % 10 = 0 THEN '1.1' WHEN c.i % 10 = 1 THEN '2.112' WHEN c.i % 10 = 2 THEN '4.32' ELSE '3.13' END,
           CASE WHEN c.i >= ${ATTEMPTED} THEN 0 ELSE 2 END,
           c.i < ${ATTEMPTED} AND c.i % 10 < 3,
           CASE WHEN c.i < ${ATTEMPTED} AND c.i % 10 >= 3 THEN $1::timestamp + interval '3 hours' END
    FROM c JOIN "SampleStratum" st ON st."sampleId" = c."sampleId" AND st."role"::text = c.role AND st."contactReason"::text = c.reason`,
    [NOW.toISOString()],
  );
  await setup.query(
    `
    INSERT INTO "CallAttempt" ("sampleCaseId", "interviewerId", "mode", "startedAt", "endedAt", "outcome", "disposition")
    SELECT sc."id", NULL::uuid, 'PHONE'::"InterviewMode", t.at, t.at + interval '3 minutes', 'NO_ANSWER', '3.13'
    FROM "SampleCase" sc CROSS JOIN LATERAL (SELECT $1::timestamp - ((1 + sc."drawOrder" % 14) || ' days')::interval - interval '1 day' AS at) t
    WHERE sc."attempts" = 2
    UNION ALL
    SELECT sc."id", NULL::uuid, 'PHONE'::"InterviewMode", t.at, t.at + interval '20 minutes',
           CASE sc."disposition" WHEN '1.1' THEN 'COMPLETE' WHEN '2.112' THEN 'HARD_REFUSAL' WHEN '4.32' THEN 'DISCONNECTED' ELSE 'BUSY' END, sc."disposition"
    FROM "SampleCase" sc CROSS JOIN LATERAL (SELECT $1::timestamp - ((sc."drawOrder" % 14) || ' days')::interval - interval '1 hour' AS at) t
    WHERE sc."attempts" = 2`,
    [NOW.toISOString()],
  );
  await setup.query(
    `UPDATE "QuotaCell" q SET "completes" = (SELECT count(*) FROM "SampleCase" sc WHERE sc."stratumId" = q."stratumId" AND sc."disposition" = '1.1')`,
  );
  const interviewers = (
    await setup.query<{ id: string }>(`
    INSERT INTO "User" ("id", "email", "name", "role", "updatedAt") SELECT gen_random_uuid(), 'bench-int-' || g || '@fieldwork.test', 'Bench interviewer ' || g, 'INTERVIEWER', now()
    FROM generate_series(1, ${INTERVIEWERS}) g RETURNING "id"::text AS "id"`)
  ).rows.map((r) => r.id);
  await setup.query("ANALYZE");
  const counts = (await setup.query(`SELECT (SELECT count(*) FROM "SampleCase")::int AS cases, (SELECT count(*) FROM "CallAttempt")::int AS attempts`)).rows[0];

  const { poolRunner, QUEUE_POOL_OPTIONS } = await import("@/lib/cati/db/sql");
  const { takeNextCase } = await import("@/lib/cati/db/take-next-case");
  const { catiSettingsSchema } = await import("@/lib/cati/settings");
  const { getControlRoomOverview, sharedControlRoomOverview } = await import("@/lib/fieldwork/db/overview");
  const { currentMillis } = await import("@/lib/clock");
  const config = { settings: catiSettingsSchema.parse({}), refusalConverterIds: [] };
  const queue = newPool(INTERVIEWERS, QUEUE_POOL_OPTIONS);
  const queueSql = poolRunner(queue);
  const overviewSql = poolRunner(newPool(SUPERVISORS));

  const alone: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const o = await getControlRoomOverview({ now: NOW, run: overviewSql });
    alone.push(performance.now() - t0);
    if (o.samples.length !== SAMPLES) throw new Error(`overview shows ${o.samples.length} samples`);
  }

  const takes: number[] = [];
  const fresh: number[] = [];
  const shared: number[] = [];
  const ages: number[] = [];
  let stop = false;
  const interviewer = async (id: string) => {
    while (!stop) {
      const t0 = performance.now();
      const r = await takeNextCase({ interviewerId: id, now: NOW, run: queueSql, config });
      takes.push(performance.now() - t0);
      if (!r.ok) continue;
      // the call ends (not timed): a no-answer, retried in 3 hours
      await queue.query(
        `UPDATE "SampleCase" SET "heldById" = NULL, "heldUntil" = NULL, "attempts" = "attempts" + 1, "disposition" = '3.13', "nextCallAt" = $2::timestamp + interval '3 hours' WHERE "id" = $1`,
        [r.caseId, NOW.toISOString()],
      );
      await queue.query(
        `UPDATE "CallAttempt" SET "endedAt" = $2::timestamp, "outcome" = 'NO_ANSWER', "disposition" = '3.13' WHERE "sampleCaseId" = $1 AND "endedAt" IS NULL`,
        [r.caseId, NOW.toISOString()],
      );
    }
  };
  const supervisors = async (record: number[], load: () => Promise<unknown>) => {
    while (!stop) {
      await Promise.all(
        Array.from({ length: SUPERVISORS }, async () => {
          const t0 = performance.now();
          await load();
          record.push(performance.now() - t0);
        }),
      );
      // the next refresh half a second later (the page polls every 3 s; this is harsher)
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const phase = async (record: number[], load: () => Promise<unknown>) => {
    stop = false;
    const workers = [...interviewers.map(interviewer), supervisors(record, load)];
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    stop = true;
    await Promise.all(workers);
  };
  // Phase 1: every refresh computes the overview afresh. Phase 2: the app's shared result.
  await phase(fresh, () => getControlRoomOverview({ now: NOW, run: overviewSql }));
  const takesFresh = takes.splice(0);
  await phase(shared, async () => {
    const o = await sharedControlRoomOverview();
    // how old the figures served are (the page shows their time)
    ages.push(currentMillis() - o.at.getTime());
  });

  console.log(
    `overview benchmark: ${SAMPLES} samples, ${counts.cases.toLocaleString("en-GB")} cases, ${counts.attempts.toLocaleString("en-GB")} call attempts (${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
  console.log(`  overview, one supervisor alone: ${summary(alone)}`);
  console.log(`  ${SECONDS} s with ${SUPERVISORS} supervisors refreshing at once and ${INTERVIEWERS} interviewers taking cases:`);
  console.log(`    overview computed for every request: ${summary(fresh)}`);
  console.log(`    interviewers' next case meanwhile:   ${summary(takesFresh)}`);
  console.log(`  ${SECONDS} s the same, through the app's shared overview (one computation at a time, answered from the latest result):`);
  console.log(`    overview as served:                  ${summary(shared)}`);
  console.log(`    age of the figures served:           ${summary(ages)}`);
  console.log(`    interviewers' next case meanwhile:   ${summary(takes)}`);
  const p95 = pct(
    [...shared].sort((a, b) => a - b),
    95,
  );
  console.log(`  ${p95 < 200 ? "PASS" : "FAIL"}: overview p95 as served ${p95.toFixed(1)} ms (target < 200 ms)`);
  process.exitCode = p95 < 200 ? 0 : 1;
} finally {
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb().catch(() => undefined);
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
