import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

/** Sessions ever opened on this test's database (PostgreSQL counts them in pg_stat_database). */
async function sessionsOpened(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("SELECT pg_stat_force_next_flush()");
    const { rows } = await client.query<{ sessions: string }>("SELECT sessions FROM pg_stat_database WHERE datname = current_database()");
    return Number(rows[0].sessions);
  } finally {
    await client.end();
  }
}

describe("checkHealth", () => {
  it("says ok, and a burst of anonymous checks opens no new database connections", async () => {
    // The app's pool opens its connections once (up to its size)... (the first
    // connection may take longer than the ping's 2 s on a machine under heavy load)
    await Promise.all(Array.from({ length: 50 }, () => checkHealth({ nowMs: 500 })));
    expect(await checkHealth({ nowMs: 600 })).toEqual({ status: "ok", database: "reachable", migrations: "current" });
    // ...and after that, checks reuse them.
    const before = await sessionsOpened();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => checkHealth({ nowMs: 1000 + i })));
    expect(answers.every((a) => a.status === "ok")).toBe(true);
    // Only this test's own two counting connections (before and after) are new.
    expect((await sessionsOpened()) - before).toBeLessThanOrEqual(2);
  });
});
