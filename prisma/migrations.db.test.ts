// The migrations in prisma/migrations: in step with schema.prisma, apply to an
// empty database exactly once, and keep "AuditEvent" append-only.
// Uses its own scratch databases on the test server (test/db-global-setup.ts, else
// TEST_DATABASE_ADMIN_URL or the local 127.0.0.1:5432) and drops them.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { deployMigrations } from "../scripts/db-migrate";
import { cliErrorMessage, diffMigrationsToSchema, migrationsDir, withDatabase } from "../scripts/prisma-engine/cli";
import { listMigrationFolders, migrationsStatus } from "../lib/db/migration-status";

const adminUrl = inject("dbAdminUrl") ?? process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const scratch = `fieldwork_migtest_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const scratchUrl = withDatabase(adminUrl, scratch);

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("prisma/migrations", () => {
  /** The diff of the migrations to a schema, tried again when the WASM engine fails to start. */
  async function diff(schema?: string) {
    let result = await diffMigrationsToSchema(adminUrl, schema);
    // The WASM schema engine now and then fails to start on a loaded machine
    // ("Error in Schema engine", exit 1): wait a little and try again, up to five times. Drift exits 2, never retried.
    for (let i = 0; i < 5 && result.code === 1 && /Error in Schema engine/.test(result.stdout + result.stderr); i++) {
      await new Promise((r) => setTimeout(r, 2000 * (i + 1)));
      result = await diffMigrationsToSchema(adminUrl, schema);
    }
    if (result.code !== 0 && result.code !== 2) throw new Error(cliErrorMessage(result));
    return result;
  }

  it("match prisma/schema.prisma (a schema change needs a migration: npm run db:migration -- <name>)", async () => {
    const result = await diff();
    // On drift, show the SQL the missing migration would contain.
    expect(result.code === 2 ? result.stdout : "").toBe("");
    expect(result.code).toBe(0);
  }, 120_000);

  it("and the check can fail: a schema with a column no migration adds is drift, with the SQL that would add it", async () => {
    // (The engine once crashed on the migrations' CHECK constraints and the CLI said "no difference" for any schema.)
    const dir = mkdtempSync(path.join(os.tmpdir(), "fw-drift-"));
    try {
      const schema = path.join(dir, "schema.prisma");
      const text = readFileSync(path.join(migrationsDir, "..", "schema.prisma"), "utf8");
      writeFileSync(schema, text.replace(/^model SurveyRespondent \{\n/m, "model SurveyRespondent {\n  driftProbe String?\n"));
      const result = await diff(schema);
      expect(result.code).toBe(2);
      expect(result.stdout).toContain('ADD COLUMN     "driftProbe" TEXT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  describe("on a fresh database", () => {
    beforeAll(async () => {
      await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${scratch}"`));
    });
    afterAll(async () => {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`));
    });

    it("apply once, creating the tables; a second run applies nothing", async () => {
      const folders = listMigrationFolders(migrationsDir);
      expect(folders.length).toBeGreaterThan(0);
      expect((await migrationsStatus(scratchUrl, migrationsDir)).pending).toEqual(folders);

      expect((await deployMigrations(scratchUrl)).applied).toEqual(folders);
      const tables = await withClient(scratchUrl, (c) => c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`));
      expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["AuditEvent", "User", "_prisma_migrations"]));
      expect(await migrationsStatus(scratchUrl, migrationsDir)).toEqual({ upToDate: true, pending: [], failed: [], unknown: [] });

      expect((await deployMigrations(scratchUrl)).applied).toEqual([]);
      const rows = await withClient(scratchUrl, (c) => c.query(`SELECT count(*)::int AS n FROM _prisma_migrations`));
      expect(rows.rows[0].n).toBe(folders.length);
    }, 60_000);

    it('refuse UPDATE, DELETE and TRUNCATE on "AuditEvent" but allow INSERT', async () => {
      await withClient(scratchUrl, async (c) => {
        const user = await c.query(`INSERT INTO "User" (id, email, name, role, "updatedAt") VALUES ($1, 'a@example.org', 'A', 'ADMIN', now()) RETURNING id`, [
          randomUUID(),
        ]);
        await c.query(`INSERT INTO "AuditEvent" ("actorId", action) VALUES ($1, 'test.event')`, [user.rows[0].id]);
        await expect(c.query(`UPDATE "AuditEvent" SET action = 'changed'`)).rejects.toThrow("AuditEvent is append-only");
        await expect(c.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow("AuditEvent is append-only");
        await expect(c.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow("AuditEvent is append-only");
        // ON UPDATE CASCADE from "User".id would rewrite audit rows: refused too.
        await expect(c.query(`UPDATE "User" SET id = $1`, [randomUUID()])).rejects.toThrow("AuditEvent is append-only");
        const left = await c.query(`SELECT action FROM "AuditEvent"`);
        expect(left.rows).toEqual([{ action: "test.event" }]);
      });
    });
  });
});
