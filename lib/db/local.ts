import { existsSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { processEnv } from "../env";
import { defaultDataDir, startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";

/**
 * Which database the app, the CLI and the scripts use: DATABASE_URL when set,
 * otherwise the embedded PostgreSQL in the project's data directory — the one
 * `npm start` is already running (it leaves server.json beside the data), or a
 * new one started here.
 */
export const PROJECT_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const DATABASE = "fieldwork";

export interface LocalDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
  /** Where the embedded data lives (for messages), or null for DATABASE_URL. */
  dataDir: string | null;
  close: () => Promise<void>;
}

function serverFile(dataDir: string) {
  return path.join(path.dirname(dataDir), "server.json");
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(adminUrl: string, name: string) {
  const client = new pg.Client(adminUrl);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function openLocalDatabase(options: { announce?: (line: string) => void; owner?: boolean } = {}): Promise<LocalDatabase> {
  const given = processEnv().DATABASE_URL;
  if (given) return { url: given, embedded: null, dataDir: null, close: async () => undefined };
  const dataDir = defaultDataDir(PROJECT_DIR);
  const file = serverFile(dataDir);
  if (existsSync(file)) {
    const info = JSON.parse(readFileSync(file, "utf8")) as { url: string; pid: number };
    if (running(info.pid) && info.pid !== process.pid) return { url: info.url, embedded: null, dataDir, close: async () => undefined };
  }
  options.announce?.(`Starting the embedded PostgreSQL (data in ${dataDir})`);
  const embedded = await startEmbeddedPostgres({ dataDir });
  await ensureDatabase(embedded.url("postgres"), DATABASE);
  const url = embedded.url(DATABASE);
  if (options.owner) writeFileSync(file, JSON.stringify({ url, pid: process.pid }));
  return {
    url,
    embedded,
    dataDir,
    close: async () => {
      if (options.owner) rmSync(file, { force: true });
      await embedded.stop();
    },
  };
}
