// Cheap "are all migrations applied?" check for /api/health: compares the
// folder names under prisma/migrations with Prisma's `_prisma_migrations`
// table. No Prisma CLI, no schema engine: one small query.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export interface MigrationsStatus {
  /** true when every migration folder is applied and none has failed */
  upToDate: boolean;
  /** folders not (successfully) applied yet, oldest first */
  pending: string[];
  /** started but never finished (and not rolled back): needs `prisma migrate resolve` */
  failed: string[];
  /** applied in the database but missing from prisma/migrations (code older than the database) */
  unknown: string[];
}

/** Migration folder names, sorted the way Prisma applies them. */
export function listMigrationFolders(migrationsDir: string): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/**
 * Compares prisma/migrations with the database's `_prisma_migrations`.
 * `migrationsDir` defaults to <cwd>/prisma/migrations (the project root under
 * `next start` and npm scripts). Throws when the database cannot be reached.
 */
export async function migrationsStatus(databaseUrl: string, migrationsDir = path.join(process.cwd(), "prisma", "migrations")): Promise<MigrationsStatus> {
  const folders = listMigrationFolders(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  let rows: { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }[] = [];
  try {
    const exists = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS ok`);
    if (exists.rows[0].ok) {
      rows = (await client.query(`SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`)).rows;
    }
  } finally {
    await client.end();
  }
  const applied = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
  const failed = [...new Set(rows.filter((r) => !r.finished_at && !r.rolled_back_at && !applied.has(r.migration_name)).map((r) => r.migration_name))].sort();
  const pending = folders.filter((f) => !applied.has(f));
  const known = new Set(folders);
  const unknown = [...applied].filter((n) => !known.has(n)).sort();
  return { upToDate: pending.length === 0 && failed.length === 0, pending, failed, unknown };
}
