/**
 * Benchmark (issue 14): a burst of 50,000 contacts posted to POST /api/contacts
 * in batches of 500 by 10 clients at once, against `next start` (a production
 * build), each client with the API key in its Authorization header. Some
 * batches are posted twice (a client retrying after a lost answer) and some
 * overlap others, so idempotency is exercised under concurrency. Prints
 * contacts/s and the p50/p95 latency per batch, and checks every contact is
 * stored exactly once afterwards.
 *
 * In the same run the same 50,000 rows are loaded with a bare COPY into a table
 * shaped like "Contact" (its indexes included), and the ratio is printed.
 *
 * Run: node --conditions=react-server --import tsx bench/contacts/run.ts [contacts] [batch] [clients]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds, ~3 min).
 * Uses the PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL, or an
 * embedded one); creates its own database and drops it.
 */
import { type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { migrateDatabase } from "@/scripts/db-migrate";
import { root, startNext } from "../lib/next-app";
import { adminQuery, startTestServer } from "@/test/pg-server";

const CONTACTS = Number(process.argv[2] ?? 50_000);
const BATCH = Number(process.argv[3] ?? 500);
const CLIENTS = Number(process.argv[4] ?? 10);
// every RETRY_EVERY-th batch is posted a second time by another client
const RETRY_EVERY = 10;
const PORT = Number(process.env.BENCH_PORT ?? 3293);
const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
let app: ChildProcess | undefined;
let pool: pg.Pool | undefined;
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;

// The rows: unique contact ids, a few thousand clients, spread over the last day.
const start = Date.now() - 24 * 3600_000;
const CHANNELS = ["phone", "webchat", "email", "letter", "portal"];
const REASONS = ["NEW_APPLICATION", "CHANGE_OF_CIRCUMSTANCES", "ARREARS", "COMPLAINT", "CASE_CLOSURE", "ENQUIRY"];
const run = randomBytes(3).toString("hex");
const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
  contact_id: `B${run}-${i}`,
  client_ref: `CL${i % 7919}`,
  service: i % 5 === 0 ? "OPTIONS" : "CMS",
  channel: CHANNELS[i % CHANNELS.length]!,
  contact_at: new Date(start + Math.floor((i / CONTACTS) * 23 * 3600_000)).toISOString(),
  reason: REASONS[i % REASONS.length]!,
  team_code: `TEAM-${i % 40}`,
}));

try {
  await migrateDatabase(databaseUrl);
  const { createApiKey } = await import("@/lib/feedback/api-keys");
  const { disconnectDb } = await import("@/lib/db/client");
  const { key } = await createApiKey({ actorId: null, input: { name: "bench", scopes: ["CONTACTS_WRITE"] }, now: new Date() });
  await disconnectDb();

  const nextApp = await startNext({ port: PORT, distDir, databaseUrl });
  app = nextApp.app;
  const base = nextApp.base;

  // ---- the burst through the real route --------------------------------------
  const batches: (typeof contacts)[] = [];
  for (let i = 0; i < contacts.length; i += BATCH) batches.push(contacts.slice(i, i + BATCH));
  // the work list: every batch once, then the retries (and one batch straddling two others)
  const work: (typeof contacts)[] = [...batches, ...batches.filter((_, i) => i % RETRY_EVERY === RETRY_EVERY - 1)];
  if (batches.length > 2) work.push([...batches[0]!.slice(BATCH / 2), ...batches[1]!.slice(0, BATCH / 2)]);
  const sent = work.reduce((n, b) => n + b.length, 0);
  const latencies: number[] = [];
  const errors: string[] = [];
  let stored = 0;
  let duplicates = 0;
  let cursor = 0;
  const body = (b: typeof contacts) => JSON.stringify({ contacts: b });
  // a warm-up post (compiles the route's first request), not timed
  await fetch(`${base}/api/contacts`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body([contacts[0]!]),
  }).then((r) => r.json());
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const i = cursor++;
        if (i >= work.length) return;
        const t0 = performance.now();
        const r = await fetch(`${base}/api/contacts`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body: body(work[i]!),
        });
        const out = (await r.json()) as { stored?: number; duplicates?: number; rejected?: number };
        latencies.push(performance.now() - t0);
        if (r.status !== 200 || out.rejected) errors.push(`batch ${i}: ${r.status} ${JSON.stringify(out).slice(0, 200)}`);
        stored += out.stored ?? 0;
        duplicates += out.duplicates ?? 0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => undefined);
  const counted = (
    await pool.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT "contactRef")::int AS distinct FROM "Contact" WHERE "contactRef" LIKE $1`,
      [`B${run}-%`],
    )
  ).rows[0]!;
  const sorted = [...latencies].sort((a, b) => a - b);
  const appRate = CONTACTS / seconds;

  // ---- a bare COPY of the same rows into a table shaped like "Contact" --------
  await pool.query(`CREATE TABLE "BenchContact" (LIKE "Contact" INCLUDING ALL)`);
  const csvRows = contacts.map((c) => [c.contact_id, c.service, c.client_ref, c.channel.toUpperCase(), c.contact_at, c.reason, c.team_code].join(",") + "\n");
  const client = await pool.connect();
  const copyStarted = performance.now();
  try {
    await pipeline(
      Readable.from(csvRows),
      client.query(
        copyFrom(`COPY "BenchContact" ("contactRef", "service", "clientRef", "channel", "contactAt", "reason", "teamCode") FROM STDIN WITH (FORMAT csv)`),
      ),
    );
  } finally {
    client.release();
  }
  const copySeconds = (performance.now() - copyStarted) / 1000;
  const copyRate = CONTACTS / copySeconds;
  const copied = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "BenchContact"`)).rows[0]!.n;

  console.log(
    `contacts benchmark: ${CONTACTS} contacts in batches of ${BATCH} by ${CLIENTS} clients at once through next start (${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
  console.log(
    `  posted ${work.length} batches (${sent} contacts, ${sent - CONTACTS} of them retries or overlaps) in ${seconds.toFixed(1)} s = ${appRate.toFixed(0)} new contacts/s, ${(sent / seconds).toFixed(0)} posted contacts/s; errors: ${errors.length}${errors.length ? ` (${errors.slice(0, 2).join("; ")})` : ""}`,
  );
  console.log(`  latency per batch: p50 ${pct(sorted, 50).toFixed(0)} ms, p95 ${pct(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
  console.log(
    `  answers said: stored ${stored}, duplicates ${duplicates}; in the database: ${counted.n} rows, ${counted.distinct} distinct contact ids (expected ${CONTACTS} each)`,
  );
  console.log(
    `  bare COPY of the same ${CONTACTS} rows (same columns and indexes): ${copySeconds.toFixed(2)} s = ${copyRate.toFixed(0)} rows/s; copied ${copied}`,
  );
  console.log(`  ratio: the API stores ${(appRate / copyRate).toFixed(3)} of COPY's rate (COPY is ${(copyRate / appRate).toFixed(1)}x faster)`);
  // the warm-up contact is contacts[0], stored once before the burst: the burst stores one fewer
  const ok =
    errors.length === 0 &&
    counted.n === CONTACTS &&
    counted.distinct === CONTACTS &&
    stored === CONTACTS - 1 &&
    duplicates === sent - CONTACTS + 1 &&
    copied === CONTACTS;
  console.log(`  ${ok ? "PASS" : "FAIL"} (every contact stored once, retries answered as duplicates, no errors)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  app?.kill("SIGTERM");
  await pool?.end();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
}
