/**
 * Benchmark (issue 13): simulated respondents answer the online questionnaire
 * through the real pages: `next start` (a production build), plain form posts
 * with no JavaScript, each respondent on its own link and cookie, from its own
 * address (X-Forwarded-For, as a proxy in front of the app would set; the rate
 * limits are per address). Each respondent opens its link, starts, then loops:
 * GET the question page, POST the first answer (stored with saveAnswer, then a
 * 303 to the next question), until the thank-you page.
 *
 * Two measurements, each on its own 200 links (harness.ts):
 * (a) capacity: 200 respondents in a closed loop with no think time, flat out.
 *     Throughput (answers/s) against a bare Node HTTP server doing the same
 *     PostgreSQL work per answer (lock the response, upsert the Answer, append
 *     AnswerHistory, bump the revision: one transaction) for 200 clients with the
 *     same GET-then-POST pattern; target: at least half its throughput. (With 200
 *     clients and no think time, latency is just 200 / throughput (Little's law):
 *     the latency target is measured in (b).)
 * (b) latency at a realistic load: 200 respondents at once, each reading every
 *     question for 2 to 8 s (uniform; short closed questions on a phone, the GOV.UK
 *     one-question-per-page pattern) and arriving over the first 8 s. p50/p95 per
 *     answer post and per page GET; target p95 under 100 ms, zero errors, and
 *     every answer counted in the database.
 *
 * Run: node --conditions=react-server --import tsx bench/online-answers/run.ts [respondents]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds, ~3 min).
 * BENCH_PHASES=capacity or =paced runs one of the two.
 * Uses the PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL, or an
 * embedded one); creates its own database and drops it.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ms, newTimings, pct, resent, respondent, root, sorted, startNext, thinkBetween, verdict, type Timings } from "./harness";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "@/test/pg-server";

const RESPONDENTS = Number(process.argv[2] ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const BARE_PORT = PORT + 1;
// Sent now: the links must be valid for the server, which reads the real clock.
const SENT = new Date();

const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
process.env.SURVEY_BASE_URL = `http://127.0.0.1:${PORT}`;
const PHASES = (process.env.BENCH_PHASES ?? "capacity,paced").split(",");
let app: { stop: () => void } | undefined;
let bare: http.Server | undefined;
let pool: pg.Pool | undefined;
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;

try {
  await migrateDatabase(databaseUrl);
  const { drawOnlineSample } = await import("@/lib/cawi/test-samples");
  const { sendInvitations } = await import("@/lib/cawi/send-invitations");
  const { listOutbox } = await import("@/lib/cawi/outbox");
  const { disconnectDb } = await import("@/lib/db/client");
  process.stderr.write(`drawing and inviting ${PHASES.length} x ${RESPONDENTS} respondents...\n`);
  const samples: Record<string, { sampleId: string; links: string[] }> = {};
  for (const [phase, month] of [
    ["capacity", "2026-10"],
    ["paced", "2026-09"],
  ] as const) {
    if (!PHASES.includes(phase)) continue;
    const { sampleId } = await drawOnlineSample({ n: RESPONDENTS, month });
    await sendInvitations({ sampleId, now: SENT });
    samples[phase] = { sampleId, links: (await listOutbox({ sampleId, take: 100_000 })).map((m) => new URL(m.link!).pathname) };
  }
  await disconnectDb();
  const next = await startNext({ port: PORT, distDir, databaseUrl });
  app = next;
  const base = next.base;
  pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  pool.on("error", () => undefined);
  const storedIn = async (sampleId: string) =>
    (
      await pool!.query<{ answers: number; complete: number }>(
        `SELECT (SELECT count(*)::int FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId" JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1) AS answers,
                (SELECT count(*)::int FROM "Response" r JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1 AND r."status" = 'COMPLETE') AS complete`,
        [sampleId],
      )
    ).rows[0]!;
  const load = () =>
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`;
  const lines: string[] = [];
  let ok = true;
  const storedLine = async (sampleId: string, t: Timings) => {
    const { answers, complete } = await storedIn(sampleId);
    // Reaching the thank-you screen stores one more answer per respondent (it completes the questionnaire).
    const good = t.errors.length === 0 && answers === t.answered + RESPONDENTS && complete === RESPONDENTS;
    ok &&= good;
    return `  errors: ${t.errors.length}${t.errors.length ? ` (${t.errors.slice(0, 3).join("; ")})` : ""}; in the database: ${answers} answers (posted ${t.answered}, plus ${RESPONDENTS} thank-you screens), ${complete} of ${RESPONDENTS} responses complete  [${verdict(good)}: zero errors, every answer stored]`;
  };

  // Answer posts by when they were sent, in quarters of the run: whether the
  // arrivals (each opening a link and starting, the heavier requests) or the
  // steady state make the tail.
  const byQuarter = (started: number, t: Timings) => {
    const end = Math.max(...t.postsSentAt);
    const quarter = (end - started) / 4;
    return [0, 1, 2, 3].map((k) => {
      const xs = sorted(t.posts.filter((_, i) => Math.min(3, Math.floor((t.postsSentAt[i]! - started) / quarter)) === k));
      return `answers sent in ${((k * quarter) / 1000).toFixed(0)}-${(((k + 1) * quarter) / 1000).toFixed(0)} s: ${xs.length}, p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}`;
    });
  };

  // ---- (b) latency at a realistic load (first: the server is fresh, as in the field) ----
  if (samples.paced) {
    const t = newTimings();
    const started = performance.now();
    const think = thinkBetween(2, 8);
    await Promise.all(
      samples.paced.links.map(async (l, i) => (await new Promise((r) => setTimeout(r, Math.random() * 8000)), respondent({ base, link: l, i, think, t }))),
    );
    const seconds = (performance.now() - started) / 1000;
    const posts = sorted(t.posts);
    const gets = sorted(t.gets);
    const good = pct(posts, 95) < 100;
    ok &&= good;
    lines.push(
      `(b) latency at a realistic load: ${RESPONDENTS} respondents at once, 2-8 s reading each question (${load()})`,
      `  ${t.answered} answers in ${seconds.toFixed(1)} s = ${(t.answered / seconds).toFixed(1)} answers/s offered`,
      `  answer post: p50 ${ms(pct(posts, 50))}, p95 ${ms(pct(posts, 95))}, max ${ms(posts.at(-1) ?? NaN)}  [${verdict(good)}: p95 < 100 ms]`,
      `  page GET:    p50 ${ms(pct(gets, 50))}, p95 ${ms(pct(gets, 95))}, max ${ms(gets.at(-1) ?? NaN)}; requests sent again after a kept-alive connection was reset: ${resent.count}`,
      ...byQuarter(started, t).map((q) => `    ${q}`),
      await storedLine(samples.paced.sampleId, t),
    );
  }

  // ---- (a) capacity: flat out, no think time ------------------------------
  if (!samples.capacity) {
    console.log(`online-answers benchmark (${os.cpus().length} cores)\n${lines.join("\n")}`);
    console.log(`  ${ok ? "PASS" : "FAIL"}`);
    process.exitCode = ok ? 0 : 1;
  } else {
    const links = samples.capacity.links;
    const sampleId = samples.capacity.sampleId;
    const capacity = newTimings();
    const loadBefore = load();
    const started = performance.now();
    await Promise.all(links.map((l, i) => respondent({ base, link: l, i: i + RESPONDENTS, think: () => 0, t: capacity })));
    const seconds = (performance.now() - started) / 1000;
    const answered = capacity.answered;
    const sortedPosts = sorted(capacity.posts);
    const sortedGets = sorted(capacity.gets);
    const nextRate = answered / seconds;
    const capacityStored = await storedLine(sampleId, capacity);

    // ---- the bare Node server, the same PostgreSQL work ---------------------
    const bareResponses = await pool.query<{ id: string }>(
      `INSERT INTO "Response" ("id", "versionId", "mode", "caseAttributes")
     SELECT gen_random_uuid(), (SELECT "id" FROM "QuestionnaireVersion" ORDER BY "id" LIMIT 1), 'ONLINE', '{}'::jsonb FROM generate_series(1, $1) RETURNING "id"::text`,
      [RESPONDENTS],
    );
    const steps = Math.round(answered / RESPONDENTS);
    const FORM = (q: number) =>
      `<!doctype html><form method="post"><input type="hidden" name="screenId" value="BARE_${q}"><input type="radio" name="answer" value="A"></form>`;
    bare = http.createServer((request, response) => {
      const url = new URL(request.url ?? "/", "http://x");
      if (request.method === "GET") return void response.writeHead(200, { "content-type": "text/html" }).end(FORM(Number(url.searchParams.get("q") ?? 0)));
      const chunks: Buffer[] = [];
      request.on("data", (c: Buffer) => chunks.push(c));
      request.on("end", async () => {
        const body = new URLSearchParams(Buffer.concat(chunks).toString());
        const client = await pool!.connect();
        try {
          await client.query("BEGIN");
          const r = await client.query<{ revision: number }>(`SELECT "revision" FROM "Response" WHERE "id" = $1::uuid FOR UPDATE`, [url.searchParams.get("r")]);
          const value = JSON.stringify({ kind: "choice", code: body.get("answer") });
          await client.query(
            `INSERT INTO "Answer" ("responseId", "questionId", "value", "mode", "answeredAt") VALUES ($1::uuid, $2, $3::jsonb, 'ONLINE', now())
           ON CONFLICT ("responseId", "questionId") DO UPDATE SET "value" = EXCLUDED."value", "answeredAt" = EXCLUDED."answeredAt"`,
            [url.searchParams.get("r"), body.get("screenId"), value],
          );
          await client.query(
            `INSERT INTO "AnswerHistory" ("responseId", "questionId", "value", "mode", "revision", "at") VALUES ($1::uuid, $2, $3::jsonb, 'ONLINE', $4, now())`,
            [url.searchParams.get("r"), body.get("screenId"), value, r.rows[0]!.revision + 1],
          );
          await client.query(`UPDATE "Response" SET "revision" = "revision" + 1 WHERE "id" = $1::uuid`, [url.searchParams.get("r")]);
          await client.query("COMMIT");
          response.writeHead(303, { location: `/?r=${url.searchParams.get("r")}&q=${Number(url.searchParams.get("q") ?? 0) + 1}` }).end();
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          response.writeHead(500).end(String(error));
        } finally {
          client.release();
        }
      });
    });
    await new Promise<void>((resolve) => bare!.listen(BARE_PORT, "127.0.0.1", resolve));
    const bareBase = `http://127.0.0.1:${BARE_PORT}`;
    const barePosts: number[] = [];
    let bareErrors = 0;
    const bareStarted = performance.now();
    await Promise.all(
      bareResponses.rows.map(async ({ id }) => {
        for (let q = 0; q < steps; q++) {
          const page = await (await fetch(`${bareBase}/?r=${id}&q=${q}`)).text();
          const t0 = performance.now();
          const r = await fetch(`${bareBase}/?r=${id}&q=${q}`, {
            method: "POST",
            redirect: "manual",
            body: new URLSearchParams({ screenId: page.match(/value="(BARE_\d+)"/)![1]!, answer: "A" }),
          });
          await r.arrayBuffer();
          barePosts.push(performance.now() - t0);
          if (r.status !== 303) bareErrors++;
        }
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    const bareRate = barePosts.length / bareSeconds;
    const bareStored = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Answer" WHERE "questionId" LIKE 'BARE\\_%'`);
    const sortedBare = [...barePosts].sort((a, b) => a - b);

    // ---- next start's own ceiling: its lightest request, twice per answer ------
    // The same 200 clients and steps, but each "answer" is two GETs of
    // /api/health (a route handler with one pooled query, no rendering): what
    // `next start` itself can serve on this machine, whatever the page does.
    const ceilingStarted = performance.now();
    let ceilingPairs = 0;
    await Promise.all(
      Array.from({ length: RESPONDENTS }, async () => {
        for (let q = 0; q < steps; q++) {
          await (await fetch(`${base}/api/health`)).arrayBuffer();
          await (await fetch(`${base}/api/health`)).arrayBuffer();
          ceilingPairs++;
        }
      }),
    );
    const ceilingRate = ceilingPairs / ((performance.now() - ceilingStarted) / 1000);

    const ratioOk = nextRate >= bareRate / 2;
    ok &&= ratioOk && bareErrors === 0;
    console.log(
      `online-answers benchmark through next start, no JavaScript (${os.cpus().length} cores; figures on a loaded machine are worse than on a quiet one)`,
    );
    for (const line of lines) console.log(line);
    console.log(`(a) capacity: ${RESPONDENTS} respondents flat out, no think time (${loadBefore} before)`);
    console.log(
      `  app:  ${answered} answers in ${seconds.toFixed(1)} s = ${nextRate.toFixed(0)} answers/s (each with a page GET); answer post p50 ${ms(pct(sortedPosts, 50))}, p95 ${ms(pct(sortedPosts, 95))}; page GET p50 ${ms(pct(sortedGets, 50))}, p95 ${ms(pct(sortedGets, 95))}`,
    );
    console.log(capacityStored);
    console.log(
      `  bare Node server, same transaction: ${barePosts.length} answers in ${bareSeconds.toFixed(1)} s = ${bareRate.toFixed(0)} answers/s; p50 ${ms(pct(sortedBare, 50))}, p95 ${ms(pct(sortedBare, 95))}; errors ${bareErrors}; stored ${bareStored.rows[0]!.n}`,
    );
    console.log(`  ratio: the app does ${(nextRate / bareRate).toFixed(2)} of the bare server's throughput  [${verdict(ratioOk)}: at least 0.5]`);
    console.log(
      `  next start's ceiling: two GETs of /api/health (one pooled query, nothing rendered) per answer: ${ceilingRate.toFixed(0)} pairs/s = ${(ceilingRate / bareRate).toFixed(2)} of the bare server; the app's pages reach ${(nextRate / ceilingRate).toFixed(2)} of that ceiling`,
    );
    console.log(
      `  ${ok ? "PASS" : "FAIL"} (targets: zero errors, every answer stored, p95 < 100 ms at the realistic load, at least half the bare throughput flat out)`,
    );
    process.exitCode = ok ? 0 : 1;
  }
} finally {
  app?.stop();
  bare?.close();
  await pool?.end();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
}
