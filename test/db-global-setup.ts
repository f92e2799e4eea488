import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "@/scripts/db-migrate";
import { adminQuery, startTestServer } from "./pg-server";

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
  }
}

const MIGRATIONS = path.resolve(import.meta.dirname, "..", "prisma", "migrations");

/** A name that changes whenever a migration does, so the template is rebuilt then and reused otherwise. */
function templateName(): string {
  const hash = createHash("sha256");
  for (const dir of readdirSync(MIGRATIONS).sort()) {
    const file = path.join(MIGRATIONS, dir, "migration.sql");
    try {
      hash.update(dir).update(readFileSync(file));
    } catch {
      // migration_lock.toml and other files
    }
  }
  return `fw_template_${hash.digest("hex").slice(0, 16)}`;
}

/**
 * Once per run: find a local PostgreSQL (or start an embedded one) and make a
 * template database with every migration applied. Each test file then gets a
 * fresh copy of it (test/db-setup.ts), so files run in parallel.
 */
export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const template = templateName();
  const exists = await adminQuery(server.adminUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  if (exists.rowCount === 0) {
    const building = `${template}_${process.pid}`;
    await adminQuery(server.adminUrl, `CREATE DATABASE "${building}"`);
    await migrateDatabase(server.urlFor(building));
    // Rename into place, so a half-built template is never used by a parallel run.
    await adminQuery(server.adminUrl, `ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async () => {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${building}"`);
    });
  }
  project.provide("dbAdminUrl", server.adminUrl);
  project.provide("dbTemplate", template);
  return async () => {
    await server.stop();
  };
}
