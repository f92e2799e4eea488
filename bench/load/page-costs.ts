/**
 * What each request of bench/load costs the server on its own: one user at a time,
 * no concurrency, so a request's time is the server's work for it (plus the
 * loopback). Run it to find which pages make bench/load's tail; the floor is
 * `GET /api/health` (one pooled query, nothing rendered) in the same run.
 *
 * Run: node --conditions=react-server --import tsx bench/load/page-costs.ts [rounds]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds, ~3 min).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "@/test/pg-server";
import { browser, formOf, pct, root, sorted, startNext } from "../online-answers/harness";

const ROUNDS = Number(process.argv[2] ?? 30);
const PORT = Number(process.env.BENCH_PORT ?? 3297);
const PASSWORD = "bench-correct-horse-battery";

const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
process.env.SURVEY_BASE_URL = `http://127.0.0.1:${PORT}`;
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;
let app: { stop: () => void } | undefined;

const times = new Map<string, number[]>();
type Req = ReturnType<typeof browser>;
// BENCH_LOG_STATEMENTS=1: PostgreSQL logs every statement of this database, each
// request preceded by a marker statement naming it (to count queries per page).
let marker: pg.Client | null = null;
async function timed(kind: string, req: Req, url: string, init?: RequestInit) {
  if (marker) await marker.query(`SELECT 'request: ${kind.replace(/'/g, "")}'`);
  const t0 = performance.now();
  const r = await req(url, init);
  const text = await r.text();
  const list = times.get(kind) ?? [];
  list.push(performance.now() - t0);
  times.set(kind, list);
  return { r, text, location: r.headers.get("location")?.replace(/^https?:\/\/[^/]+/, "") ?? null };
}

try {
  await migrateDatabase(databaseUrl);
  const { drawOnlineSample } = await import("@/lib/cawi/test-samples");
  const { sendInvitations } = await import("@/lib/cawi/send-invitations");
  const { listOutbox } = await import("@/lib/cawi/outbox");
  const { createInterviewers, drawTestSample } = await import("@/lib/cati/db/test-cases");
  const { saveCatiSettings } = await import("@/lib/cati/db/settings");
  const { hashPassword } = await import("@/lib/auth/password");
  const { db, disconnectDb } = await import("@/lib/db/client");
  const online = await drawOnlineSample({ n: ROUNDS, month: "2026-08" });
  await sendInvitations({ sampleId: online.sampleId, now: new Date() });
  const links = (await listOutbox({ sampleId: online.sampleId, take: 10_000 })).map((m) => new URL(m.link!).pathname);
  await drawTestSample({ n: 3000, month: "2026-10" });
  const [interviewerId] = await createInterviewers(1, "costs");
  await db().user.update({ where: { id: interviewerId! }, data: { passwordHash: await hashPassword(PASSWORD) } });
  const { email } = await db().user.findUniqueOrThrow({ where: { id: interviewerId! }, select: { email: true } });
  const allDay = { start: "00:00", end: "24:00" };
  await saveCatiSettings({
    actorId: null,
    settings: { callingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closedOnBankHolidays: false },
  });
  await disconnectDb();

  if (process.env.BENCH_LOG_STATEMENTS === "1") {
    await adminQuery(server.adminUrl, `ALTER DATABASE "${name}" SET log_statement = 'all'`);
    marker = new pg.Client({ connectionString: databaseUrl });
    await marker.connect();
  }
  const next = await startNext({ port: PORT, distDir, databaseUrl });
  app = next;
  const base = next.base;
  const staff = browser(base, "10.250.0.9");
  const { fields } = formOf(await (await staff("/sign-in")).text());
  await staff("/api/auth/callback/credentials", {
    method: "POST",
    body: new URLSearchParams({ csrfToken: String(fields.get("csrfToken")), callbackUrl: "/interviewer", email, password: PASSWORD }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  // Warm every route once (the first request of each compiles nothing, but loads its chunks).
  for (let round = -3; round < ROUNDS; round++) {
    const label = (k: string) => (round < 0 ? `warm ${k}` : k);
    await timed(label("floor: GET /api/health"), staff, "/api/health");
    // ---- an interviewer: next-case page, take, case page, start, screens, done
    const home = await timed(label("interviewer: GET /interviewer"), staff, "/interviewer");
    const taken = await timed(label("interviewer: POST take next case"), staff, "/interviewer", {
      method: "POST",
      body: formOf(home.text, { button: "Take next case" }).fields,
    });
    if (!taken.location?.startsWith("/interviewer/cases/")) throw new Error(`take next case: ${taken.r.status} ${taken.location}`);
    const casePage = await timed(label("interviewer: GET case page"), staff, taken.location);
    const begun = await timed(label("interviewer: POST start interview"), staff, taken.location, {
      method: "POST",
      body: formOf(casePage.text, { button: "Start interview" }).fields,
    });
    let location = begun.location!;
    for (let step = 0; step < 80 && location.startsWith("/interviewer/cases/"); step++) {
      const screen = await timed(label("interviewer: GET interview screen"), staff, location);
      const posted = await timed(label("interviewer: POST answer"), staff, location, {
        method: "POST",
        body: formOf(screen.text, { button: "Continue" }).fields,
      });
      if (posted.r.status !== 303) throw new Error(`answer ${posted.r.status} at ${location}`);
      location = posted.location!;
    }
    // ---- an online respondent: link, start page, start, screens
    if (round < 0) continue;
    const person = browser(base, `10.251.${round}.7`);
    await timed("online: GET /s/<link> (open)", person, links[round]!);
    let page = await timed("online: GET /survey (start page)", person, "/survey");
    for (let step = 0; step < 40; step++) {
      const { fields: answer, action } = formOf(page.text);
      const kind = answer.has("screenId") ? "online: POST answer" : "online: POST start";
      const posted = await timed(kind, person, action && action.startsWith("/") ? action : "/survey", { method: "POST", body: answer });
      if (posted.r.status !== 303) throw new Error(`${kind}: ${posted.r.status}`);
      if (posted.location!.startsWith("/survey/thank-you")) break;
      page = await timed("online: GET question page", person, posted.location!);
    }
  }

  const floor = pct(sorted(times.get("floor: GET /api/health")!), 50);
  console.log(
    `per-request cost, one request at a time (${ROUNDS} rounds; ${os.cpus().length} cores; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
  for (const [kind, xs] of times) {
    if (kind.startsWith("warm ")) continue;
    const s = sorted(xs);
    const p50 = pct(s, 50);
    console.log(
      `  ${kind.padEnd(40)} n=${String(s.length).padStart(4)}  p50 ${p50.toFixed(1).padStart(6)} ms  p90 ${pct(s, 90).toFixed(1).padStart(6)} ms  ${(p50 / floor).toFixed(1)}x the floor`,
    );
  }
} finally {
  await marker?.end();
  app?.stop();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
}
