import { chmodSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";

/**
 * The PostgreSQL server tests use: the machine's own on 127.0.0.1:5432 when it
 * answers (TEST_DATABASE_ADMIN_URL to choose another local one), otherwise an
 * embedded one in a temporary folder. Tests create and drop their own
 * databases on it, so it must never be a shared or remote server.
 */
export interface TestServer {
  adminUrl: string;
  urlFor: (database: string) => string;
  stop: () => Promise<void>;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against ${host}: tests create and drop databases, so they only run on a local PostgreSQL (127.0.0.1).`);
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function startTestServer(): Promise<TestServer> {
  const machine = process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  assertLocal(machine);
  if (await reachable(machine)) {
    return { adminUrl: machine, urlFor: (db) => withDatabase(machine, db), stop: async () => undefined };
  }
  // No server here: bring a real one from npm. The folder must be reachable
  // by the postgres OS user when running as root.
  const parent = mkdtempSync(path.join(os.tmpdir(), "fieldwork-test-pg-"));
  chmodSync(parent, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(parent, "data"), port: 54330 });
  return { adminUrl: embedded.url("postgres"), urlFor: embedded.url, stop: embedded.stop };
}

export async function adminQuery(adminUrl: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}
