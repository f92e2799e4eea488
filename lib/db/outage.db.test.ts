import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/scripts/db-migrate";
import { db, disconnectDb } from "./client";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded";
import { checkHealth } from "./health";

// Faults (issue 17): PostgreSQL stops for ten seconds. The health check says so
// (503 from /api/health) within its short timeout, the process survives, and when
// PostgreSQL is back the same pool serves again: no restart of the app. The
// shared system PostgreSQL cannot be stopped, so this test starts an embedded one
// of its own on a port of its own, and stops and starts that.
describe("a ten-second database outage", () => {
  it("is reported as unavailable while it lasts, and the app recovers by itself when PostgreSQL is back", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "fieldwork-outage-"));
    chmodSync(parent, 0o755);
    const dataDir = path.join(parent, "data");
    let server: EmbeddedDatabase | undefined = await startEmbeddedPostgres({ dataDir, port: 54391 });
    const port = server.port;
    const saved = process.env.DATABASE_URL;
    try {
      const url = server.url("postgres");
      await migrateDatabase(url);
      process.env.DATABASE_URL = url;
      // (The first connections may take longer than the health check's 2 s on a busy machine.)
      await expect.poll(async () => (await checkHealth({ nowMs: 0 })).status, { timeout: 30_000, interval: 250 }).toBe("ok");
      expect(await checkHealth({ nowMs: 0 })).toEqual({ status: "ok", database: "reachable", migrations: "current" });
      expect(await db().user.count()).toBe(0);

      await server.stop();
      server = undefined;
      const down = performance.now();
      expect(await checkHealth({ nowMs: 1 })).toEqual({ status: "unavailable", database: "unreachable", migrations: "unknown" });
      await expect(db().user.count()).rejects.toThrow();
      await sleep(Math.max(0, 10_000 - (performance.now() - down)));
      const late = await checkHealth({ nowMs: 2 });
      expect(late.status).toBe("unavailable");

      server = await startEmbeddedPostgres({ dataDir, port });
      expect(server.port).toBe(port);
      // The same process and the same pool: the broken connections are dropped and new ones opened.
      await expect.poll(async () => (await checkHealth({ nowMs: 3 })).status, { timeout: 30_000, interval: 250 }).toBe("ok");
      expect(await db().user.count()).toBe(0);
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = saved;
      await server?.stop();
      rmSync(parent, { recursive: true, force: true });
    }
  }, 180_000);
});
