/**
 * Benchmark (issue 13): 200 simulated respondents answer the online
 * questionnaire at once through the real pages: `next start` (a production
 * build), plain form posts with no JavaScript, each respondent on its own link
 * and cookie, from its own address (X-Forwarded-For, as a proxy in front of the
 * app would set; the rate limits are per address). Each respondent opens its
 * link, starts, then loops: GET the question page, POST the first answer
 * (the server action stores it with saveAnswer and redirects), until the
 * thank-you page. Prints throughput and p50/p95 latency per answer post,
 * checks zero errors and that every answer is in the Answer table.
 *
 * In the same run a bare Node HTTP server does the same PostgreSQL work per
 * answer (lock the response, upsert the Answer, append AnswerHistory, bump the
 * revision: one transaction) for the same 200 clients with the same GET-then-POST
 * pattern, and the ratio of the two throughputs is printed.
 * Targets: p95 under 100 ms; at least half the bare server's throughput.
 *
 * Run: node --conditions=react-server --import tsx bench/online-answers/run.ts [respondents]
 * BENCH_DIST_DIR=.next-x reuses a build made with NEXT_DIST_DIR=.next-x (else it builds, ~3 min).
 * Uses the PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_ADMIN_URL, or an
 * embedded one); creates its own database and drops it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "@/test/pg-server";

const RESPONDENTS = Number(process.argv[2] ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3291);
const BARE_PORT = PORT + 1;
const root = path.resolve(import.meta.dirname, "..", "..");
// Sent now: the links must be valid for the server, which reads the real clock.
const SENT = new Date();

const server = await startTestServer();
const name = `fw_bench_${randomBytes(6).toString("hex")}`;
await adminQuery(server.adminUrl, `CREATE DATABASE "${name}"`);
const databaseUrl = server.urlFor(name);
process.env.DATABASE_URL = databaseUrl;
process.env.SURVEY_BASE_URL = `http://127.0.0.1:${PORT}`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
let app: ChildProcess | undefined;
let bare: http.Server | undefined;
let pool: pg.Pool | undefined;
const distDir = process.env.BENCH_DIST_DIR ?? `.next-bench-${PORT}`;

try {
  await migrateDatabase(databaseUrl);
  const { drawOnlineSample } = await import("@/lib/cawi/test-samples");
  const { sendInvitations } = await import("@/lib/cawi/send-invitations");
  const { listOutbox } = await import("@/lib/cawi/outbox");
  const { disconnectDb } = await import("@/lib/db/client");
  process.stderr.write(`drawing and inviting ${RESPONDENTS} respondents...\n`);
  const { sampleId } = await drawOnlineSample({ n: RESPONDENTS, month: "2026-10" });
  await sendInvitations({ sampleId, now: SENT });
  const links = (await listOutbox({ sampleId, take: 100_000 })).map((m) => new URL(m.link!).pathname);
  await disconnectDb();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: distDir,
    NODE_OPTIONS: "",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
  };
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    process.stderr.write(`building into ${distDir}...\n`);
    const kept = ["tsconfig.json", "next-env.d.ts"].map((f) => ({ file: path.join(root, f), content: existsSync(path.join(root, f)) ? readFileSync(path.join(root, f), "utf8") : null }));
    try {
      await new Promise<void>((resolve, reject) =>
        spawn(process.execPath, [next, "build"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] }).on("close", (c) => (c === 0 ? resolve() : reject(new Error(`next build exited with ${c}`)))),
      );
    } finally {
      for (const { file, content } of kept) {
        if (content === null) rmSync(file, { force: true });
        else writeFileSync(file, content);
      }
    }
  }
  app = spawn(process.execPath, [next, "start", "-p", String(PORT), "-H", "127.0.0.1"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 120) throw new Error("next start did not answer");
    await new Promise((r) => setTimeout(r, 500));
  }

  // ---- through the real pages --------------------------------------------
  const errors: string[] = [];
  const posts: number[] = [];
  const gets: number[] = [];
  let answered = 0;
  const unescape = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const formOf = (html: string) => {
    const form = html.match(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i)?.[1] ?? "";
    const fields = new FormData();
    for (const m of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const n = m[0].match(/name="([^"]*)"/)?.[1];
      if (n) fields.append(unescape(n), unescape(m[0].match(/value="([^"]*)"/)?.[1] ?? ""));
    }
    const choice = form.match(/<input[^>]*type="(?:radio|checkbox)"[^>]*>/)?.[0];
    if (choice) fields.append(unescape(choice.match(/name="([^"]*)"/)![1]!), unescape(choice.match(/value="([^"]*)"/)![1]!));
    const text = form.match(/<(?:textarea|input[^>]*type="text")[^>]*name="([^"]*)"/)?.[1];
    if (text) fields.append(text, "Fine");
    return fields;
  };
  async function respondent(link: string, i: number) {
    const ip = `10.${(i >> 8) & 255}.${i & 255}.7`;
    let cookie = "";
    const req = async (url: string, init: RequestInit = {}) => {
      const r = await fetch(`${base}${url}`, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie, "x-forwarded-for": ip, origin: base } });
      const set = r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      if (set) cookie = set;
      return r;
    };
    const opened = await req(link);
    if (opened.status !== 307 && opened.status !== 303 && opened.status !== 302) return void errors.push(`${i}: open ${opened.status}`);
    let page = await (await req("/survey")).text();
    let location = "/survey";
    for (let step = 0; step < 40; step++) {
      const fields = formOf(page);
      const t0 = performance.now();
      const posted = await req(location, { method: "POST", body: fields });
      const isAnswer = fields.has("screenId");
      if (isAnswer) posts.push(performance.now() - t0);
      if (posted.status !== 303) {
        if (process.env.BENCH_DEBUG && errors.length === 0) writeFileSync(process.env.BENCH_DEBUG, `${page}\n\n${JSON.stringify([...fields.entries()])}`);
        return void errors.push(`${i}: post ${posted.status} at ${location}`);
      }
      await posted.arrayBuffer();
      if (isAnswer) answered++;
      location = posted.headers.get("location")!.replace(base, "");
      if (location.startsWith("/survey/thank-you")) return;
      if (location.includes("error=") || location.startsWith("/survey/unavailable")) return void errors.push(`${i}: ${location}`);
      const g0 = performance.now();
      const got = await req(location);
      page = await got.text();
      gets.push(performance.now() - g0);
      if (got.status !== 200) return void errors.push(`${i}: get ${got.status} ${location}`);
    }
    errors.push(`${i}: not finished`);
  }
  const started = performance.now();
  await Promise.all(links.map((l, i) => respondent(l, i)));
  const seconds = (performance.now() - started) / 1000;
  pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  pool.on("error", () => undefined);
  const stored = await pool.query<{ answers: number; complete: number }>(
    `SELECT (SELECT count(*)::int FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId" JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1) AS answers,
            (SELECT count(*)::int FROM "Response" r JOIN "SampleCase" sc ON sc."id" = r."sampleCaseId" WHERE sc."sampleId" = $1 AND r."status" = 'COMPLETE') AS complete`,
    [sampleId],
  );
  const sortedPosts = [...posts].sort((a, b) => a - b);
  const sortedGets = [...gets].sort((a, b) => a - b);
  const nextRate = answered / seconds;

  // ---- the bare Node server, the same PostgreSQL work ---------------------
  const bareResponses = await pool.query<{ id: string }>(
    `INSERT INTO "Response" ("id", "versionId", "mode", "caseAttributes")
     SELECT gen_random_uuid(), (SELECT "id" FROM "QuestionnaireVersion" ORDER BY "id" LIMIT 1), 'ONLINE', '{}'::jsonb FROM generate_series(1, $1) RETURNING "id"::text`,
    [RESPONDENTS],
  );
  const steps = Math.round(answered / RESPONDENTS);
  const FORM = (q: number) => `<!doctype html><form method="post"><input type="hidden" name="screenId" value="BARE_${q}"><input type="radio" name="answer" value="A"></form>`;
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
        await client.query(`INSERT INTO "AnswerHistory" ("responseId", "questionId", "value", "mode", "revision", "at") VALUES ($1::uuid, $2, $3::jsonb, 'ONLINE', $4, now())`, [
          url.searchParams.get("r"),
          body.get("screenId"),
          value,
          r.rows[0]!.revision + 1,
        ]);
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
        const r = await fetch(`${bareBase}/?r=${id}&q=${q}`, { method: "POST", redirect: "manual", body: new URLSearchParams({ screenId: page.match(/value="(BARE_\d+)"/)![1]!, answer: "A" }) });
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

  const { answers, complete } = stored.rows[0]!;
  console.log(`online-answers benchmark: ${RESPONDENTS} respondents at once through next start, no JavaScript (${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
  console.log(`  answers posted: ${answered} in ${seconds.toFixed(1)} s = ${nextRate.toFixed(0)} answers/s (with a page GET between answers); errors: ${errors.length}${errors.length ? ` (${errors.slice(0, 3).join("; ")})` : ""}`);
  console.log(`  answer post latency: p50 ${pct(sortedPosts, 50).toFixed(1)} ms, p95 ${pct(sortedPosts, 95).toFixed(1)} ms, max ${sortedPosts.at(-1)!.toFixed(1)} ms; page GET p50 ${pct(sortedGets, 50).toFixed(1)} ms, p95 ${pct(sortedGets, 95).toFixed(1)} ms`);
  // Reaching the thank-you screen stores one more answer per respondent (it completes the questionnaire).
  console.log(`  in the database: ${answers} answers (posted ${answered}, plus ${RESPONDENTS} thank-you screens), ${complete} of ${RESPONDENTS} responses complete`);
  console.log(`  bare Node server, same transaction: ${barePosts.length} answers in ${bareSeconds.toFixed(1)} s = ${bareRate.toFixed(0)} answers/s; p50 ${pct(sortedBare, 50).toFixed(1)} ms, p95 ${pct(sortedBare, 95).toFixed(1)} ms; errors ${bareErrors}; stored ${bareStored.rows[0]!.n}`);
  console.log(`  ratio: the app does ${(nextRate / bareRate).toFixed(2)} of the bare server's throughput`);
  const ok = errors.length === 0 && answers === answered + RESPONDENTS && complete === RESPONDENTS && pct(sortedPosts, 95) < 100 && nextRate >= bareRate / 2;
  console.log(`  ${ok ? "PASS" : "FAIL"} (targets: zero errors, every answer stored, p95 < 100 ms, at least half the bare throughput)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  app?.kill("SIGTERM");
  bare?.close();
  await pool?.end();
  if (!process.env.BENCH_DIST_DIR) rmSync(path.join(root, distDir), { recursive: true, force: true });
  await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await server.stop();
}
