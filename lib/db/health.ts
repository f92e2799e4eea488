import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { databaseUrl } from "@/lib/env";
import { log } from "@/lib/log";
import { db } from "./client";
import { migrationsStatus, type MigrationsStatus } from "./migration-status";

export interface Health {
  status: "ok" | "unavailable";
  database: "reachable" | "unreachable";
  migrations: "current" | "pending" | "unknown";
  pending?: string[];
}

// /api/health is public and unauthenticated, so it must cost next to nothing
// (issue 17): the database is asked through the app's own pool with a short
// timeout, and the migration status is remembered. Once current it stays
// current for this process (its migration folders cannot change under it);
// while pending it is looked at again at most every 10 seconds.
const RECHECK_PENDING_MS = 10_000;
const PING_TIMEOUT_MS = 2_000;
let remembered: { status: MigrationsStatus; at: number } | undefined;

export async function checkHealth({ nowMs }: { nowMs: number }): Promise<Health> {
  try {
    const ping = db().$queryRaw`SELECT 1`;
    const answered = await Promise.race([ping.then(() => true), sleep(PING_TIMEOUT_MS).then(() => false)]);
    if (!answered) throw new Error(`the database did not answer within ${PING_TIMEOUT_MS} ms`);
    if (!remembered || (!remembered.status.upToDate && nowMs - remembered.at > RECHECK_PENDING_MS)) {
      remembered = { status: await migrationsStatus(databaseUrl()), at: nowMs };
    }
    const status = remembered.status;
    if (status.upToDate) return { status: "ok", database: "reachable", migrations: "current" };
    return { status: "unavailable", database: "reachable", migrations: "pending", pending: [...status.pending, ...status.failed] };
  } catch (error) {
    log.error({ err: error }, "health check: database unreachable");
    return { status: "unavailable", database: "unreachable", migrations: "unknown" };
  }
}
