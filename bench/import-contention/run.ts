/**
 * Benchmark (issue 17, "no stalls"): do other people's pages stay fast while a
 * large sampling frame is imported through the app? Against `next start` (a
 * production build): four signed-in staff keep opening pages (each a request
 * every 250 ms, over the pages a supervisor uses and /api/health), first with
 * nothing else running (the baseline, in the same run), then while an
 * administrator uploads a 2,500,000-row frame through the upload route. Prints
 * p50/p95/max page time in both phases, the ratio, and every non-200 answer
 * (the health check must stay 200 throughout).
 * Target: p95 under 200 ms during the import.
 *
 * Run: node --conditions=react-server --import tsx bench/import-contention/run.ts [rows]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds).
 * Uses the PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL, or an embedded
 * one); creates its own database and drops it.
 */
import { type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, existsSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase } from "@/scripts/db-migrate";
import { root, startNext } from "../lib/next-app";
import { Visitor } from "@/test/production/http";
import { adminQuery, startTestServer } from "@/test/pg-server";

const ROWS = Number(process.argv[2] ?? 2_500_000);
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const PASSWORD = "bench-correct-horse-battery";
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;
const PAGES = ["/supervisor/fieldwork", "/samples", "/questionnaires", "/api/health"];
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : NaN;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
let app: ChildProcess | undefined;

try {
  await migrateDatabase(databaseUrl);
  const { seedUsers } = await import("@/lib/seed/users");
  await seedUsers({ passwords: { INTERVIEWER: PASSWORD, SUPERVISOR: PASSWORD, ANALYST: PASSWORD, ADMIN: PASSWORD } });
  const { writeFrameCsv } = await import("@/lib/sampling/frame/generate");
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  const file = path.join(os.tmpdir(), `fieldwork-frame-${ROWS}-2015.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${ROWS} rows into ${file}...\n`);
    await writeFrameCsv(file, { rows: ROWS, seed: 2015 });
  }

  const nextApp = await startNext({ port: PORT, distDir, databaseUrl });
  app = nextApp.app;
  const base = nextApp.base;

  const staff = await Promise.all(
    ["supervisor", "supervisor", "admin", "admin"].map(async (who) => {
      const v = new Visitor(base);
      const failed = await v.signIn(`${who}@fieldwork.test`, PASSWORD);
      if (failed) throw new Error(`${who} could not sign in: ${failed}`);
      return v;
    }),
  );
  // warm every page once (first renders compile nothing in production, but fill caches)
  for (const p of PAGES) await staff[0].fetch(p);

  /** Each visitor opens a page every 250 ms until `until()` says stop; returns the times and odd answers. */
  async function browse(until: () => boolean) {
    const times: number[] = [];
    const odd: string[] = [];
    await Promise.all(
      staff.map(async (v, i) => {
        for (let n = i; !until(); n++) {
          const page = PAGES[n % PAGES.length];
          const started = performance.now();
          const response = await v.fetch(page).catch((e: Error) => ({ status: 0, statusText: e.message }) as Response);
          times.push(performance.now() - started);
          if (response.status !== 200) odd.push(`${page} ${response.status}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }),
    );
    return { times: times.sort((a, b) => a - b), odd };
  }

  // ---- baseline: the same browsing, nothing else running ------------------
  const baselineEnds = performance.now() + 20_000;
  const baseline = await browse(() => performance.now() > baselineEnds);

  // ---- during the import ---------------------------------------------------
  const admin = staff[2];
  let importDone = false;
  const bytes = statSync(file).size;
  const started = performance.now();
  const upload = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: "/api/frame/imports",
        method: "POST",
        headers: { "content-type": "text/csv", "content-length": bytes, "x-file-name": "bench-frame.csv", origin: base, cookie: admin.cookieHeader() },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    createReadStream(file).pipe(request);
  }).finally(() => {
    importDone = true;
  });
  const during = await browse(() => importDone);
  const imported = await upload;
  const importSeconds = (performance.now() - started) / 1000;
  const result = JSON.parse(imported.body) as { status?: string; inserted?: number; rejected?: number };

  const report = (label: string, r: { times: number[]; odd: string[] }) =>
    `  ${label.padEnd(28)} ${String(r.times.length).padStart(5)} pages   p50 ${ms(pct(r.times, 50)).padStart(7)}   p95 ${ms(pct(r.times, 95)).padStart(7)}   max ${ms(r.times.at(-1) ?? NaN).padStart(7)}   not 200: ${r.odd.length}`;
  console.log(
    `import contention benchmark: ${ROWS.toLocaleString("en-GB")}-row frame uploaded while 4 staff browse (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`,
  );
  console.log(
    `  the upload: HTTP ${imported.status}, ${result.status}, ${result.inserted?.toLocaleString("en-GB")} inserted, ${result.rejected} rejected, in ${importSeconds.toFixed(1)} s`,
  );
  console.log(report("baseline (nothing else)", baseline));
  console.log(report("during the import", during));
  const p95 = pct(during.times, 95);
  console.log(`  ratio of p95s: ${(p95 / pct(baseline.times, 95)).toFixed(2)}x; target p95 < 200 ms during the import: ${p95 < 200 ? "OK" : "MISSED"}`);
  if (during.odd.length) console.log(`  answers other than 200 during the import: ${[...new Set(during.odd)].join(", ")}`);
} finally {
  app?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
}
