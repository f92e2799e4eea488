/**
 * Load benchmark (issue 17, "Faults and load"): 200 online respondents and 50
 * telephone interviewers together for two minutes against `next start` (a
 * production build), all through the real pages with plain form posts (no
 * JavaScript), each user with its own cookies and address.
 *
 * - Online respondents (bench/online-answers/harness.ts): 200 at any moment; each
 *   opens its own link, starts, reads each question for 2 to 8 s (uniform) and
 *   answers it; one who finishes is replaced by the next invitation.
 * - Interviewers: sign in (before the two minutes: argon2 is deliberately slow),
 *   then loop: the "Next case" page, "Take next case", the case page, 5 to 15 s
 *   dialling and waiting for an answer; 2 calls in 5 are answered and the
 *   interview is started and asked screen by screen, 3 to 8 s per screen (read
 *   out, answer heard, keyed); the rest are recorded as "No answer".
 * Think times are ours: online, a short closed question on a phone takes a few
 *   seconds to read and tap; by telephone a screen is read aloud and answered.
 * Arrivals: the 250 users arrive one by one, evenly over a ramp (BENCH_RAMP_SECONDS,
 *   default 60 s: invitations are opened over minutes, a shift's interviewers log
 *   on over a minute), then all of them work together for the measured two
 *   minutes. The targets are for those two minutes; the ramp's figures are
 *   printed too, and so is a run with the ramp at a few seconds if you set it so
 *   (a burst of 200 link openings in 8 s is more than two cores can serve in time).
 *
 * Prints throughput, p50/p95 per request kind, errors, and checks that no answer
 * acknowledged with a redirect is missing from the database afterwards.
 * Targets: zero errors, p95 under 200 ms (every request of the measured two minutes).
 *
 * Run: node --conditions=react-server --import tsx bench/load/run.ts [seconds]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds, ~3 min).
 * Uses the PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL, or an
 * embedded one); creates its own database and drops it.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "@/test/pg-server";
import {
  browser,
  formOf,
  ms,
  newTimings,
  pct,
  resent,
  respondent,
  root,
  sleep,
  sorted,
  startNext,
  thinkBetween,
  verdict,
  type Timings,
} from "../online-answers/harness";

const SECONDS = Number(process.argv[2] ?? 120);
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? 60);
const RESPONDENTS = 200;
const INTERVIEWERS = 50;
const PORT = Number(process.env.BENCH_PORT ?? 3295);
const PASSWORD = "bench-correct-horse-battery";
const SENT = new Date();

const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
process.env.SURVEY_BASE_URL = `http://127.0.0.1:${PORT}`;
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;
let app: { stop: () => void } | undefined;
let pool: pg.Pool | undefined;

try {
  await migrateDatabase(databaseUrl);
  const { drawOnlineSample } = await import("@/lib/cawi/test-samples");
  const { sendInvitations } = await import("@/lib/cawi/send-invitations");
  const { listOutbox } = await import("@/lib/cawi/outbox");
  const { createInterviewers, drawTestSample } = await import("@/lib/cati/db/test-cases");
  const { saveCatiSettings } = await import("@/lib/cati/db/settings");
  const { hashPassword } = await import("@/lib/auth/password");
  const { db, disconnectDb } = await import("@/lib/db/client");
  // Enough links that a finished respondent is always replaced (about 70 s per questionnaire).
  const onlineCases = Math.ceil(RESPONDENTS * ((RAMP_SECONDS + SECONDS) / 40 + 1));
  process.stderr.write(`drawing ${onlineCases} online and 3000 telephone cases, ${INTERVIEWERS} interviewers...\n`);
  const online = await drawOnlineSample({ n: onlineCases, month: "2026-08" });
  await sendInvitations({ sampleId: online.sampleId, now: SENT });
  const links = (await listOutbox({ sampleId: online.sampleId, take: 100_000 })).map((m) => new URL(m.link!).pathname);
  const phone = await drawTestSample({ n: 3000, month: "2026-10" });
  const interviewerIds = await createInterviewers(INTERVIEWERS, "load");
  const passwordHash = await hashPassword(PASSWORD);
  await db().user.updateMany({ where: { id: { in: interviewerIds } }, data: { passwordHash } });
  const emails = (await db().user.findMany({ where: { id: { in: interviewerIds } }, select: { email: true } })).map((u) => u.email);
  // Calling all day, every day: the benchmark may run at night or on a Sunday.
  const allDay = { start: "00:00", end: "24:00" };
  await saveCatiSettings({
    actorId: null,
    settings: { callingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closedOnBankHolidays: false },
  });
  await disconnectDb();

  const next = await startNext({ port: PORT, distDir, databaseUrl });
  app = next;
  const base = next.base;

  // ---- interviewers sign in (outside the timed two minutes) ---------------
  const staff: ((url: string, init?: RequestInit) => Promise<Response>)[] = [];
  for (const [i, email] of emails.entries()) {
    const req = browser(base, `10.200.${i}.9`);
    const page = await (await req("/sign-in")).text();
    const { fields } = formOf(page);
    const body = new URLSearchParams({ csrfToken: String(fields.get("csrfToken")), callbackUrl: "/interviewer", email, password: PASSWORD });
    const signedIn = await req("/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    await signedIn.arrayBuffer();
    const home = await req("/interviewer");
    if (home.status !== 200)
      throw new Error(`interviewer ${i} could not sign in (${signedIn.status} ${signedIn.headers.get("location")}, then ${home.status})`);
    await home.arrayBuffer();
    staff.push(req);
  }

  // ---- two minutes of both ----------------------------------------------
  const web = newTimings();
  const tel = newTimings();
  const telTakes: number[] = [];
  let calls = 0;
  let interviews = 0;
  const started = performance.now();
  const measuredFrom = started + RAMP_SECONDS * 1000;
  const stopAt = measuredFrom + SECONDS * 1000;
  const loadBefore = os.loadavg();

  let nextLink = 0;
  const onlineSlot = async (slot: number) => {
    await sleep(((slot + Math.random()) / RESPONDENTS) * RAMP_SECONDS * 1000); // arrivals evenly over the ramp
    while (performance.now() < stopAt && nextLink < links.length) {
      const i = nextLink++;
      await respondent({ base, link: links[i]!, i, think: thinkBetween(2, 8), t: web, stopAt });
    }
  };

  const timed = async (t: Timings, kind: "get" | "post", req: (url: string, init?: RequestInit) => Promise<Response>, url: string, init?: RequestInit) => {
    const t0 = performance.now();
    const r = await req(url, init);
    const text = await r.text();
    (kind === "get" ? t.gets : t.posts).push(performance.now() - t0);
    (kind === "get" ? t.getsSentAt : t.postsSentAt).push(t0);
    return { r, text, location: r.headers.get("location")?.replace(base, "") ?? null };
  };

  const interviewer = async (i: number) => {
    const req = staff[i]!;
    await sleep(((i + Math.random()) / INTERVIEWERS) * RAMP_SECONDS * 1000);
    while (performance.now() < stopAt) {
      const home = await timed(tel, "get", req, "/interviewer");
      if (home.r.status !== 200) return void tel.errors.push(`interviewer ${i}: GET /interviewer ${home.r.status}`);
      const take = formOf(home.text, { button: "Take next case" });
      const t0 = performance.now();
      const taken = await timed(tel, "post", req, "/interviewer", { method: "POST", body: take.fields });
      telTakes.push(performance.now() - t0);
      if (taken.r.status !== 303 || !taken.location?.startsWith("/interviewer/cases/")) {
        if (taken.location?.includes("notice=nothing-due")) return; // the sample ran out
        return void tel.errors.push(`interviewer ${i}: take next case ${taken.r.status} ${taken.location ?? ""}`);
      }
      const caseUrl = taken.location;
      const casePage = await timed(tel, "get", req, caseUrl);
      if (casePage.r.status !== 200) return void tel.errors.push(`interviewer ${i}: GET case ${casePage.r.status}`);
      calls++;
      await sleep(thinkBetween(5, 15)()); // dialling, ringing
      if (Math.random() < 0.4 && casePage.text.includes("Start interview")) {
        const start = formOf(casePage.text, { button: "Start interview" });
        const begun = await timed(tel, "post", req, caseUrl, { method: "POST", body: start.fields });
        if (begun.r.status !== 303 || !begun.location) return void tel.errors.push(`interviewer ${i}: start interview ${begun.r.status}`);
        interviews++;
        let location = begun.location;
        for (let step = 0; step < 80 && performance.now() < stopAt; step++) {
          const screen = await timed(tel, "get", req, location);
          if (screen.r.status !== 200) return void tel.errors.push(`interviewer ${i}: GET ${location} ${screen.r.status}`);
          await sleep(thinkBetween(3, 8)()); // read out, answer heard, keyed
          // (by its button: the first post form on a staff page is the header's sign-out)
          const { fields } = formOf(screen.text, { button: "Continue" });
          const posted = await timed(tel, "post", req, location, { method: "POST", body: fields });
          if (posted.r.status !== 303 || !posted.location) return void tel.errors.push(`interviewer ${i}: answer ${posted.r.status} at ${location}`);
          tel.answered++;
          location = posted.location;
          if (!location.startsWith("/interviewer/cases/")) break; // completed (or closed by a full quota cell): back to the next-case page
        }
      } else {
        const outcome = formOf(casePage.text, { button: "Record outcome", choose: (v) => (v.includes("NO_ANSWER") ? "NO_ANSWER" : v[0]!), text: null });
        const recorded = await timed(tel, "post", req, caseUrl, { method: "POST", body: outcome.fields });
        if (recorded.r.status !== 303) return void tel.errors.push(`interviewer ${i}: record outcome ${recorded.r.status}`);
      }
    }
  };

  const caught = (who: string) => (error: unknown) =>
    void tel.errors.push(`${who}: ${error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error)}`);
  await Promise.all([
    ...Array.from({ length: RESPONDENTS }, (_, slot) => onlineSlot(slot)),
    ...Array.from({ length: INTERVIEWERS }, (_, i) => interviewer(i).catch(caught(`interviewer ${i}`))),
  ]);
  const seconds = (performance.now() - started) / 1000;

  // ---- what the database holds ------------------------------------------
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on("error", () => undefined);
  const count = async (sampleId: string) =>
    (
      await pool!.query<{ answers: number; complete: number }>(
        `SELECT (SELECT count(*)::int FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId" JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1) AS answers,
                (SELECT count(*)::int FROM "Response" r JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1 AND r."status" = 'COMPLETE') AS complete`,
        [sampleId],
      )
    ).rows[0]!;
  const webStored = await count(online.sampleId);
  const telStored = await count(phone.sampleId);
  const telAttempts = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CallAttempt" ca JOIN "SampleCase" sc ON sc."id" = ca."sampleCaseId" WHERE sc."sampleId" = $1`,
      [phone.sampleId],
    )
  ).rows[0]!.n;

  // Every request with when it was sent: the measured two minutes are those sent
  // once everyone had arrived and before the stop.
  type Sent = { at: number; d: number };
  const withTimes = (ds: number[], ats: number[]): Sent[] => ds.map((d, i) => ({ at: ats[i]!, d }));
  const kinds = {
    "online answer posts": withTimes(web.posts, web.postsSentAt),
    "online page GETs   ": withTimes(web.gets, web.getsSentAt),
    "interviewer posts  ": withTimes(tel.posts, tel.postsSentAt),
    "interviewer GETs   ": withTimes(tel.gets, tel.getsSentAt),
  };
  const inWindow = (x: Sent) => x.at >= measuredFrom && x.at < stopAt;
  const everything = Object.values(kinds).flat();
  const measured = sorted(everything.filter(inWindow).map((x) => x.d));
  const ramp = sorted(everything.filter((x) => x.at < measuredFrom).map((x) => x.d));
  const whole = sorted(everything.map((x) => x.d));
  // Online: each answer acknowledged is one row; each completed questionnaire adds its thank-you screen.
  const webLost = web.answered + webStored.complete - webStored.answers;
  // By telephone an answer acknowledged is one row too (the last screens may add a seen marker): none may be missing.
  const telLost = Math.max(0, tel.answered - telStored.answers);
  const errors = web.errors.length + tel.errors.length;
  const p95 = pct(measured, 95);
  const line = (label: string, xs: number[]) => {
    const s = sorted(xs);
    return `${label}: ${s.length} requests, p50 ${ms(pct(s, 50))}, p95 ${ms(pct(s, 95))}, max ${ms(s.at(-1) ?? NaN)}`;
  };
  console.log(
    `load benchmark: ${RESPONDENTS} online respondents and ${INTERVIEWERS} interviewers through next start, no JavaScript: arriving over ${RAMP_SECONDS} s, then ${SECONDS} s all together (measured)`,
  );
  console.log(
    `  (${os.cpus().length} cores; ${process.env.BENCH_INSTANCES ?? "1"} instance(s); load average ${loadBefore.map((l) => l.toFixed(1)).join(" ")} before, ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} after: a loaded machine gives worse figures than a quiet one)`,
  );
  console.log(`  think times: online 2-8 s per question; by telephone 5-15 s per call before the outcome, 3-8 s per screen; 2 calls in 5 answered`);
  console.log(
    `  throughput in the measured ${SECONDS} s: ${measured.length} requests = ${(measured.length / SECONDS).toFixed(1)} requests/s; whole run ${seconds.toFixed(0)} s: ${whole.length} requests, ${web.answered} online answers, ${tel.answered} telephone answers, ${calls} calls, ${interviews} interviews`,
  );
  for (const [label, xs] of Object.entries(kinds))
    console.log(
      `  ${line(
        label,
        xs.filter(inWindow).map((x) => x.d),
      )}`,
    );
  console.log(`  take next case, whole run: p95 ${ms(pct(sorted(telTakes), 95))}`);
  console.log(`  all requests in the measured ${SECONDS} s: p95 ${ms(p95)}, p50 ${ms(pct(measured, 50))}  [${verdict(p95 < 200)}: p95 < 200 ms]`);
  console.log(
    `  the ramp (arrivals, ${RAMP_SECONDS} s): ${ramp.length} requests, p50 ${ms(pct(ramp, 50))}, p95 ${ms(pct(ramp, 95))}; whole run p95 ${ms(pct(whole, 95))}`,
  );
  // The measured two minutes in quarters: a tail that grows would show here.
  const quarter = (SECONDS * 1000) / 4;
  for (let k = 0; k < 4; k++) {
    const xs = sorted(everything.filter((x) => inWindow(x) && Math.min(3, Math.floor((x.at - measuredFrom) / quarter)) === k).map((x) => x.d));
    console.log(
      `    sent ${((k * quarter) / 1000).toFixed(0)}-${(((k + 1) * quarter) / 1000).toFixed(0)} s into the measured time: ${xs.length}, p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}`,
    );
  }
  console.log(`  requests sent again after a kept-alive connection was reset: ${resent.count}`);
  console.log(`  errors: ${errors}${errors ? ` (${[...web.errors, ...tel.errors].slice(0, 4).join("; ")})` : ""}  [${verdict(errors === 0)}: zero errors]`);
  console.log(
    `  in the database: online ${webStored.answers} answers (${web.answered} acknowledged + ${webStored.complete} thank-you screens), ${webStored.complete} complete; telephone ${telStored.answers} answers (${tel.answered} acknowledged), ${telStored.complete} complete, ${telAttempts} call attempts; lost ${webLost + telLost}  [${verdict(webLost === 0 && telLost === 0)}: zero lost answers]`,
  );
  const ok = errors === 0 && p95 < 200 && webLost === 0 && telLost === 0;
  console.log(`  ${ok ? "PASS" : "FAIL"}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  app?.stop();
  await pool?.end();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
}
