import "server-only";
import { databaseUrl } from "@/lib/env";
import { log } from "@/lib/log";
import { migrationsStatus } from "./migration-status";

export interface Health {
  status: "ok" | "unavailable";
  database: "reachable" | "unreachable";
  migrations: "current" | "pending" | "unknown";
  pending?: string[];
}

export async function checkHealth(): Promise<Health> {
  try {
    const status = await migrationsStatus(databaseUrl());
    if (status.upToDate) return { status: "ok", database: "reachable", migrations: "current" };
    return { status: "unavailable", database: "reachable", migrations: "pending", pending: [...status.pending, ...status.failed] };
  } catch (error) {
    log.error({ err: error }, "health check: database unreachable");
    return { status: "unavailable", database: "unreachable", migrations: "unknown" };
  }
}
