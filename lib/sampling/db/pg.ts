import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";

/**
 * A plain node-postgres connection of its own, for what Prisma cannot do:
 * COPY FROM STDIN (the frame import) and large read-only result sets read as
 * arrays (the sample draw). Closed when `work` settles.
 */
export async function withPgClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A plain connection of its own that the caller ends (a transaction held across
 * the whole import). A lost connection rejects the query in progress rather
 * than crashing the process.
 */
export async function openPgConnection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/**
 * Ends another session from a fresh connection (pg_terminate_backend): its
 * transaction rolls back and its locks go at once. For a connection stuck in a
 * COPY that can no longer be ended from its own side.
 */
export async function terminateSession(pid: number): Promise<void> {
  await withPgClient((client) => client.query("SELECT pg_terminate_backend($1)", [pid]));
}

/**
 * Rolls back a bulk load's transaction and closes its connection. A COPY never
 * ended (`copyOpen`) would hold the ROLLBACK (and the locks) forever: the
 * session is ended from another connection instead; PostgreSQL rolls back and
 * releases them.
 */
export async function abandonTransaction(client: pg.Client, pid: number, copyOpen: boolean): Promise<void> {
  if (copyOpen) {
    await terminateSession(pid).catch(() => undefined);
    await Promise.race([client.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    return;
  }
  await client.query("ROLLBACK").catch(() => undefined);
  await client.end().catch(() => undefined);
}
