// Runs the unmodified Prisma CLI with the WASM stand-in schema engine
// (schema-engine.mjs), since this network cannot download the native one.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const schemaEngineBinary = path.join(projectRoot, "scripts/prisma-engine/schema-engine.mjs");
export const migrationsDir = path.join(projectRoot, "prisma/migrations");
const prismaEntry = path.join(projectRoot, "node_modules/prisma/build/index.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `node node_modules/prisma/build/index.js ...args` in the project root with
 * PRISMA_SCHEMA_ENGINE_BINARY set (unless the caller's environment names a
 * native engine already) and the given DATABASE_URL / SHADOW_DATABASE_URL.
 * Never throws for a non-zero exit; look at `code`.
 */
export function runPrismaCli(args: string[], env: { DATABASE_URL: string; SHADOW_DATABASE_URL?: string }): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || schemaEngineBinary,
    // No network here: skip the update/telemetry check and the hints.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    DATABASE_URL: env.DATABASE_URL,
  };
  delete childEnv.SHADOW_DATABASE_URL;
  if (env.SHADOW_DATABASE_URL) childEnv.SHADOW_DATABASE_URL = env.SHADOW_DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaEntry, ...args], { cwd: projectRoot, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The CLI's error text without its banner lines, with passwords in URLs masked. */
export function cliErrorMessage(result: CliResult): string {
  const raw = `${result.stdout}\n${result.stderr}`;
  // The WASM engine appends a Rust span trace ("   0: sql_schema_connector::... at x.rs:113");
  // keep only the migration name from it.
  const migration = raw.match(/with migration_name="([^"]+)"/)?.[1];
  const text = raw
    .split("\n")
    .filter((l) => !/^(Loaded Prisma config from|Prisma schema loaded from|Datasource "|Prisma config detected)/.test(l))
    .filter((l) => !/^\s+(\d+: [\w:]+|at \S+\.rs:\d+|with \w+=)/.test(l))
    .concat(migration ? [`(in migration ${migration})`] : [])
    .join("\n")
    .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g, "$1****@")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text || `prisma exited with code ${result.code}`;
}

/** Same URL with another database name (e.g. the server's maintenance database). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "****";
    return u.toString();
  } catch {
    return "<invalid URL>";
  }
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * `prisma migrate diff --from-migrations prisma/migrations --to-schema
 * prisma/schema.prisma --script --exit-code`: exit code 0 = in sync, 2 = the
 * schema has changes no migration covers (SQL in stdout), other = error.
 * The migrations are replayed into a throw-away shadow database created and
 * dropped here on the server of `serverUrl` (through its `postgres` database;
 * the database named in `serverUrl` need not exist and is never touched).
 */
/**
 * Tables a migration makes that the app's migrate step drops once it has used
 * them (migration 20261205400000: the plain personal values set aside until
 * lib/privacy/crypto/seal-pending.ts seals them). The shadow database replays
 * the migrations alone, so it still has them; schema.prisma rightly has not.
 */
const TRANSIENT_TABLES = ["_PersonalDataToSeal", "_OutboxDataToSeal"];

/** The diff's SQL less the dropping of TRANSIENT_TABLES: in sync (code 0) when nothing else is left. */
export function withoutTransientTables(result: CliResult): CliResult {
  if (result.code !== 2) return result;
  let sql = result.stdout;
  for (const t of TRANSIENT_TABLES) sql = sql.replace(new RegExp(`-- DropTable\\s*DROP TABLE "${t}";\\s*`, "g"), "");
  return sql.trim() === "" ? { ...result, code: 0, stdout: "" } : { ...result, stdout: sql };
}

export async function diffMigrationsToSchema(serverUrl: string, schema = "prisma/schema.prisma"): Promise<CliResult> {
  const adminUrl = withDatabase(serverUrl, "postgres");
  const shadow = `fieldwork_shadow_${randomUUID().replaceAll("-", "")}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${shadow}"`);
  } catch (err) {
    return { code: 1, stdout: "", stderr: `Cannot create a shadow database on ${redactUrl(adminUrl)}: ${(err as Error).message}` };
  }
  try {
    return withoutTransientTables(
      await runPrismaCli(["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", schema, "--script", "--exit-code"], {
        DATABASE_URL: adminUrl,
        SHADOW_DATABASE_URL: withDatabase(serverUrl, shadow),
      }),
    );
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`).catch(() => {});
  }
}
