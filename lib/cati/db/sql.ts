import "server-only";
import pg from "pg";
import { db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/env";

/**
 * Runs one SQL statement with positional parameters ($1, $2...) and returns its
 * rows. `name` makes it a prepared statement on connections that support it
 * (planning the next-case statement costs several times its execution). The app
 * uses the queue pool below; the concurrency test and the benchmark pass
 * node-postgres pools of their own, so the guarantees tested are the database's,
 * not one process's.
 */
export type SqlRunner = (text: string, values: unknown[], name?: string) => Promise<Record<string, unknown>[]>;

/** Prisma's pool, for reads off the next-case path. */
export const prismaSql: SqlRunner = (text, values) => db().$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);

/** A node-postgres pool as a SqlRunner, preparing named statements once per connection. */
export function poolRunner(pool: pg.Pool): SqlRunner {
  return (text, values, name) => pool.query({ text, values, name }).then((r) => r.rows as Record<string, unknown>[]);
}

/**
 * Options for a pool that runs the next-case statement: its plan does not depend
 * on the parameter values (every arm walks its index in order), so the generic
 * plan of the prepared statement is used from the first execution.
 */
export const QUEUE_POOL_OPTIONS = { options: "-c plan_cache_mode=force_generic_plan" } as const;

const globalForQueue = globalThis as unknown as { fieldworkQueuePool?: pg.Pool; fieldworkQueueUrl?: string };

/** The app's pool for the telephone queue (one per process, like db()). */
export const queueSql: SqlRunner = (text, values, name) => {
  const url = databaseUrl();
  if (!globalForQueue.fieldworkQueuePool || globalForQueue.fieldworkQueueUrl !== url) {
    void globalForQueue.fieldworkQueuePool?.end().catch(() => undefined);
    globalForQueue.fieldworkQueuePool = new pg.Pool({ connectionString: url, max: 10, ...QUEUE_POOL_OPTIONS });
    globalForQueue.fieldworkQueuePool.on("error", () => undefined);
    globalForQueue.fieldworkQueueUrl = url;
  }
  return poolRunner(globalForQueue.fieldworkQueuePool)(text, values, name);
};

/** Closes the queue pool if one was opened (tests, scripts). */
export async function closeQueuePool(): Promise<void> {
  await globalForQueue.fieldworkQueuePool?.end();
  globalForQueue.fieldworkQueuePool = undefined;
}

/**
 * Timestamps are stored as UTC wall time in `timestamp(3)` columns (Prisma's
 * DateTime); an ISO string cast with ::timestamp keeps that wall time whatever
 * the session or process time zone.
 */
export const sqlTime = (d: Date) => d.toISOString();
