import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, startTestServer, type TestServer } from "@/test/pg-server";
import { readDockerfile, type Instruction } from "./dockerfile";
import { Visitor } from "./http";

// Issue 10, the production image and several instances on one database. No Docker
// engine runs here, so this does in a clean copy of the project what the
// Dockerfile does, read from the Dockerfile itself: the build stage's COPY and RUN
// steps in order (npm ci, npm run build, npm prune --omit=dev), then the image's
// CMD (migrations, then next start) with the final stage's ENV, as a user other
// than root (the image's USER; here `nobody`, when the test runs as root). Two
// instances start from the one build on one fresh database.
//
// KEEP_PRODUCTION_COPY=1 keeps the copy and its logs (the path is printed);
// REUSE_PRODUCTION_COPY=<that path> then runs the checks on it without building again.

type Env = Record<string, string | undefined>;

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const stages = readDockerfile(path.join(ROOT, "Dockerfile"));
const buildStage = stages.find((s) => s.name === "build")!;
const finalStage = stages.at(-1)!;
const isRoot = process.getuid?.() === 0;
const RUN_AS = "nobody";

// REUSE_PRODUCTION_COPY=<a kept folder> skips the build (while working on the checks only).
const reused = process.env.REUSE_PRODUCTION_COPY;
// PRODUCTION_WORK_DIR=<an empty folder>: build there and keep it. npm test passes it on
// to the browser tests, which then run on this build instead of building again.
const workDir = process.env.PRODUCTION_WORK_DIR;
const work = reused ?? workDir ?? mkdtempSync(path.join(os.tmpdir(), "fieldwork-image-"));
chmodSync(work, 0o755); // the app's user must reach the copy
const app = path.join(work, "app");
const logs = path.join(work, "logs");
mkdirSync(logs, { recursive: true });
const timings: string[] = [];
const servers: ChildProcess[] = [];
let pgServer: TestServer | undefined;
let database = "";

/** What `docker build` would send: the project's files minus .gitignore'd and .dockerignore'd ones. */
function contextFiles(): string[] {
  const ignored = readFileSync(path.join(ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim().replace(/\/$/, ""))
    .filter(Boolean);
  return spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .stdout.split("\0")
    .filter((f) => f && existsSync(path.join(ROOT, f)) && !ignored.some((i) => f === i || f.startsWith(`${i}/`)));
}

function copyIntoApp(step: Extract<Instruction, { kind: "COPY" }>, files: string[]) {
  for (const source of step.sources) {
    const wanted = source === "." ? files : files.filter((f) => f === source || f.startsWith(`${source.replace(/^\.\/|\/$/g, "")}/`));
    if (wanted.length === 0) throw new Error(`COPY ${source}: nothing in the build context`);
    for (const file of wanted) {
      mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      cpSync(path.join(ROOT, file), path.join(app, file));
    }
  }
}

/** A shell command in the copy, its output in logs/<name>.log; rejects on a non-zero exit. */
function sh(name: string, command: string, env: Env): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const log = createWriteStream(path.join(logs, `${name}.log`));
    const child = spawn("sh", ["-c", command], { cwd: app, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on("close", (code) => {
      timings.push(`${command}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if (code === 0) resolve();
      else reject(new Error(`${command} exited with ${code}; see ${path.join(logs, `${name}.log`)}:\n${tail(path.join(logs, `${name}.log`))}`));
    });
  });
}

/** The access-log entries an instance has written so far (lib/http/node-server.ts). */
function accessLog(name: string): Record<string, unknown>[] {
  return readFileSync(path.join(logs, `${name}.log`), "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        // a JSON line of pino's; anything else (Next's own words, a line still being written) is passed over
        return [(JSON.parse(line) as { access?: Record<string, unknown> }).access ?? null];
      } catch {
        return [];
      }
    })
    .filter((entry): entry is Record<string, unknown> => entry !== null);
}

function tail(file: string, lines = 30): string {
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").slice(-lines).join("\n") : "";
}

/** A machine's environment: no DATABASE_URL, secrets or test settings leak in from this process. */
function baseEnv(): Env {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // npm ci from this machine's cache when it can (the registry otherwise): same packages, same lock.
    npm_config_prefer_offline: "true",
    npm_config_update_notifier: "false",
  };
}

/** The build stage, step by step. */
async function buildImage() {
  const files = contextFiles();
  let env = baseEnv();
  let n = 0;
  for (const step of buildStage.steps) {
    if (step.kind === "COPY") copyIntoApp(step, files);
    else if (step.kind === "ENV") env = { ...env, ...step.values };
    else if (step.kind === "RUN") await sh(`build-${++n}`, step.command, env);
  }
  // Final stage: COPY --from=build --chown=<user> /app /app, then USER <user>.
  const copy = finalStage.steps.find((s): s is Extract<Instruction, { kind: "COPY" }> => s.kind === "COPY" && s.from === "build");
  expect(copy?.chown, "the image copies the app owned by its own user").toBeTruthy();
  expect(finalStage.steps.some((s) => s.kind === "USER" && s.user !== "root")).toBe(true);
  if (isRoot) {
    const owned = spawnSync("chown", ["-R", `${RUN_AS}:`, app]);
    expect(owned.status, String(owned.stderr)).toBe(0);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function imageEnv(extra: Record<string, string>): Env {
  let env: Env = { PATH: process.env.PATH, HOME: app };
  for (const step of finalStage.steps) if (step.kind === "ENV") env = { ...env, ...step.values };
  return { ...env, ...extra };
}

/** Runs a command in the image: as `nobody` when root (the image's USER is not root). */
function inImage(argv: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", RUN_AS, "--", ...argv]] : [argv[0], argv.slice(1)];
}

/** The image's CMD, as the image runs it (sh -c "migrate && exec next start"). */
function startInstance(name: string, env: Env): ChildProcess {
  const cmd = finalStage.steps.find((s): s is Extract<Instruction, { kind: "CMD" }> => s.kind === "CMD")!;
  const [command, args] = inImage(cmd.argv);
  const log = createWriteStream(path.join(logs, `${name}.log`));
  const child = spawn(command, args, { cwd: app, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  servers.push(child);
  return child;
}

async function waitForHealth(base: string, child: ChildProcess, name: string): Promise<Response> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${tail(path.join(logs, `${name}.log`))}`);
    const response = await fetch(`${base}/api/health`).catch(() => null);
    if (response) return response;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not answer within 3 minutes:\n${tail(path.join(logs, `${name}.log`))}`);
}

function stopServers() {
  for (const child of servers) {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }
}

afterAll(async () => {
  stopServers();
  await new Promise((r) => setTimeout(r, 1000));
  if (pgServer && database) {
    const { disconnectDb } = await import("@/lib/db/client");
    await disconnectDb();
    await adminQuery(pgServer.adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await pgServer.stop();
  }
  console.log(`Production image steps:\n  ${timings.join("\n  ")}`);
  if (process.env.KEEP_PRODUCTION_COPY || reused || workDir) console.log(`Kept the copy and its logs in ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

describe("the production image, two instances on one database", () => {
  const secret = randomBytes(32).toString("base64");
  const personalDataKey = randomBytes(32).toString("base64");
  let a = "";
  let b = "";
  let first: Response;
  let second: Response;

  beforeAll(async () => {
    if (!reused) await buildImage();
    pgServer = await startTestServer();
    database = `fw_image_${randomBytes(6).toString("hex")}`;
    await adminQuery(pgServer.adminUrl, `CREATE DATABASE "${database}"`);
    const databaseUrl = pgServer.urlFor(database);
    process.env.DATABASE_URL = databaseUrl; // this process seeds through the project's helpers
    process.env.PERSONAL_DATA_KEY = personalDataKey; // ...with the key the instances use
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = [`http://localhost:${portA}`, `http://localhost:${portB}`];
    // As docker-compose.yml sets them: one database, one secret, one public URL for all instances.
    const shared = {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      PERSONAL_DATA_KEY: personalDataKey,
      NEXTAUTH_URL: a,
      SIGN_IN_MAX_FAILURES: "3",
      SIGN_IN_FAILURE_DELAY_MS: "100",
      LOG_LEVEL: "warn",
    };
    // Both at once, as `docker compose up --scale app=2` starts them: each runs the migrations first.
    const started = Date.now();
    // A writes its access log (LOG_LEVEL info), so a test can read what it logged.
    const instanceA = startInstance("instance-a", imageEnv({ ...shared, PORT: String(portA), LOG_LEVEL: "info" }));
    // B uses two processes on its port, as a machine with cores to spare would (scripts/next-cluster.mjs).
    const instanceB = startInstance("instance-b", imageEnv({ ...shared, PORT: String(portB), WEB_CONCURRENCY: "2" }));
    [first, second] = await Promise.all([waitForHealth(a, instanceA, "instance-a"), waitForHealth(b, instanceB, "instance-b")]);
    timings.push(`two instances up (migrations and next start): ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });

  it("builds as the Dockerfile says, runs as a user other than root, and each instance answers /api/health with 200", async () => {
    expect(existsSync(path.join(app, ".next", "BUILD_ID"))).toBe(true);
    // npm prune --omit=dev ran: no dev dependency is left in the image.
    expect(existsSync(path.join(app, "node_modules", "vitest"))).toBe(false);
    expect(existsSync(path.join(app, "node_modules", "eslint"))).toBe(false);
    expect(existsSync(path.join(app, "node_modules", "@axe-core", "playwright"))).toBe(false);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await first.json()).toEqual({ status: "ok", database: "reachable", migrations: "current" });
    if (isRoot) {
      const owners = servers.map((s) => spawnSync("ps", ["-o", "user=", "--ppid", String(s.pid)], { encoding: "utf8" }).stdout.trim());
      for (const owner of owners)
        expect(
          owner
            .split("\n")
            .filter(Boolean)
            .every((u) => u === RUN_AS),
          owner,
        ).toBe(true);
    } else {
      console.warn("[note] not root: the instances ran as this user; as root the test runs them as nobody, as the image's USER would.");
    }
  });

  it("runs WEB_CONCURRENCY processes of Next.js on an instance's one port: one on A, two on B (behind the process that shares the port)", async () => {
    // Next.js names its processes "next-server (v…)"; count those under each instance's command.
    const rows = spawnSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
      .stdout.split("\n")
      .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
    const nextServersUnder = (root: number): number => {
      const under = new Set([root]);
      for (let grew = true; grew;) {
        grew = false;
        for (const r of rows)
          if (under.has(r.ppid) && !under.has(r.pid)) {
            under.add(r.pid);
            grew = true;
          }
      }
      return rows.filter((r) => under.has(r.pid) && r.args.startsWith("next-server")).length;
    };
    expect(nextServersUnder(servers[0]!.pid!)).toBe(1);
    expect(nextServersUnder(servers[1]!.pid!)).toBe(2);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${b}/api/health`).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
  });

  it("ran the migrations once although both instances started together", async () => {
    const folders = readdirSync(path.join(app, "prisma", "migrations"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const rows = (await adminQuery(pgServer!.urlFor(database), `SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`)).rows as {
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }[];
    expect(rows.map((r) => r.migration_name).sort()).toEqual(folders.sort());
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    // One instance applied them; the other, waiting on Prisma's advisory lock, found nothing to do.
    const said = ["instance-a", "instance-b"].map((name) => readFileSync(path.join(logs, `${name}.log`), "utf8"));
    expect(said.filter((log) => log.includes(`Applied ${folders.length} migration(s)`))).toHaveLength(1);
    expect(said.filter((log) => log.includes("is up to date: no pending migrations"))).toHaveLength(1);
  });

  it("lets a user seeded with npm run db:seed sign in on one instance, and the session holds on the other", async () => {
    // The operator's way: `docker compose run --rm app npm run db:seed` (the image's own seed).
    const [command, args] = inImage(["npm", "run", "--silent", "db:seed"]);
    const seeded = spawnSync(command, args, {
      cwd: app,
      env: imageEnv({ DATABASE_URL: process.env.DATABASE_URL!, npm_config_update_notifier: "false" }) as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
    expect(seeded.status, seeded.stdout + seeded.stderr).toBe(0);
    const users = (JSON.parse(seeded.stdout) as { seeded: { email: string; role: string; password: string }[] }).seeded;
    const admin = users.find((u) => u.role === "ADMIN")!;

    const onA = new Visitor(a);
    expect(await onA.signIn(admin.email, admin.password)).toBeNull();
    expect((await onA.session()).user).toMatchObject({ email: admin.email, role: "ADMIN" });
    const onB = onA.at(b);
    expect((await onB.session()).user).toMatchObject({ email: admin.email, role: "ADMIN" });
    const page = await onB.fetch("/admin/users");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(admin.email);
    // Without the cookie, B sends the visitor to sign in.
    expect((await new Visitor(b).fetch("/admin/users")).status).toBeGreaterThanOrEqual(300);

    // A record that does not exist is "Page not found" in the HTML itself (no
    // JavaScript needed to see it: lib/http/page.tsx), with status 404.
    const missingPath = `/samples/${randomUUID()}`;
    const missing = await onA.fetch(missingPath);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/<h1 class="govuk-heading-l">Page not found<\/h1>/);
    // A's access log names the signed-in user and the status they were sent.
    const { db } = await import("@/lib/db/client");
    const { id } = await db().user.findUniqueOrThrow({ where: { email: admin.email }, select: { id: true } });
    await expect
      .poll(() => accessLog("instance-a"), { timeout: 5_000 })
      .toContainEqual(expect.objectContaining({ method: "GET", path: missingPath, status: 404, userId: id }));
  });

  it("keeps a sign-in lockout counted on one instance on the other", async () => {
    const { createUser } = await import("@/lib/users/manage");
    const email = `lockout-${randomBytes(4).toString("hex")}@fieldwork.test`;
    const password = "correct-horse-battery-lockout";
    await createUser({ actorId: null, input: { email, role: "ANALYST", name: "Lockout Test" }, password });

    const onA = new Visitor(a);
    // SIGN_IN_MAX_FAILURES is 3 on both instances.
    expect(await onA.signIn(email, "wrong-1")).toBe("CredentialsSignin");
    expect(await onA.signIn(email, "wrong-2")).toBe("CredentialsSignin");
    expect(await onA.signIn(email, "wrong-3")).toBe("CredentialsSignin");
    // Paused from this address: B refuses even the right password, with the same answer.
    const onB = new Visitor(b);
    expect(await onB.signIn(email, password)).toBe("CredentialsSignin");
    expect((await onB.session()).user).toBeUndefined();
  });

  it("never gives the same case to two of 20 interviewers asking both instances for their next case at once", async () => {
    const { createUser } = await import("@/lib/users/manage");
    const { saveCatiSettings } = await import("@/lib/cati/db/settings");
    const { drawTestSample } = await import("@/lib/cati/db/test-cases");
    const { db } = await import("@/lib/db/client");
    // Calling all day every day, so the test passes at any hour (as e2e/cati.spec.ts does).
    const allDay = { start: "00:00", end: "24:00" };
    await saveCatiSettings({
      actorId: null,
      settings: { callingHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, closedOnBankHolidays: false },
    });
    const { sampleId } = await drawTestSample({ n: 30, month: "2016-05" });
    const password = "correct-horse-battery-queue";
    const tag = randomBytes(3).toString("hex");
    const interviewers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const email = `queue-${tag}-${i}@fieldwork.test`;
        const { user } = await createUser({ actorId: null, input: { email, role: "INTERVIEWER", name: `Queue interviewer ${i}` }, password });
        const visitor = new Visitor(i % 2 ? b : a);
        expect(await visitor.signIn(email, password)).toBeNull();
        return { id: user.id, visitor };
      }),
    );

    // All at once, half on each instance: the "Take next case" form, posted as a browser posts it.
    const responses = await Promise.all(interviewers.map(({ visitor }) => visitor.submitForm("/interviewer", "Take next case", { sampleId })));
    const given = responses.map((r) => r.headers.get("location")?.match(/\/interviewer\/cases\/([0-9a-f-]{36})$/)?.[1]);
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(303));
    expect(given.every(Boolean)).toBe(true);
    expect(new Set(given).size).toBe(20);

    // The database agrees: 20 cases held, each by the interviewer it was given to, one open call each.
    const held = await db().sampleCase.findMany({ where: { sampleId, heldById: { not: null } }, select: { id: true, heldById: true } });
    expect(held).toHaveLength(20);
    for (const [i, { id }] of interviewers.entries()) expect(held.find((h) => h.id === given[i])?.heldById).toBe(id);
    const attempts = await db().callAttempt.findMany({ where: { sampleCase: { sampleId } }, select: { sampleCaseId: true } });
    expect(attempts).toHaveLength(20);
    expect(new Set(attempts.map((t) => t.sampleCaseId)).size).toBe(20);
    // Each interviewer's own case page opens on the instance they asked (the hold is theirs).
    const opened = await interviewers[1].visitor.fetch(`/interviewer/cases/${given[1]}`);
    expect(opened.status).toBe(200);
  });
});
