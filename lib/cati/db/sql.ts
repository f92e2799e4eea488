import "server-only";
import { db } from "@/lib/db/client";

/**
 * Runs one SQL statement with positional parameters ($1, $2...) and returns its
 * rows. The app passes Prisma's pool (prismaSql); the concurrency test and the
 * benchmark pass node-postgres pools of their own, so the guarantees are the
 * database's, not one process's.
 */
export type SqlRunner = (text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;

export const prismaSql: SqlRunner = (text, values) => db().$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);

/**
 * Timestamps are stored as UTC wall time in `timestamp(3)` columns (Prisma's
 * DateTime); an ISO string cast with ::timestamp keeps that wall time whatever
 * the session or process time zone.
 */
export const sqlTime = (d: Date) => d.toISOString();
