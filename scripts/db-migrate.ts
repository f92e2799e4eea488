// npm run db:migrate
//
// Applies pending migrations from prisma/migrations to DATABASE_URL with
// `prisma migrate deploy` (the unmodified Prisma CLI, served by the WASM
// schema engine stand-in in scripts/prisma-engine/). Imported by the start
// script and the test setup as `migrateDatabase(url)`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cliErrorMessage, redactUrl, runPrismaCli } from "./prisma-engine/cli";

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Runs `prisma migrate deploy`; returns the names of the migrations it applied. */
export async function deployMigrations(databaseUrl: string): Promise<{ applied: string[] }> {
  if (!databaseUrl) throw new MigrationError("DATABASE_URL is not set.");
  const result = await runPrismaCli(["migrate", "deploy"], { DATABASE_URL: databaseUrl });
  if (result.code !== 0) {
    throw new MigrationError(`Migrating ${redactUrl(databaseUrl)} failed:\n${cliErrorMessage(result)}`);
  }
  // The CLI lists what it applied as a tree: "  └─ 20261122221025_name/" then "    └─ migration.sql".
  const plain = result.stdout.replace(/\x1b\[[0-9;]*m/g, "");
  const applied = [...plain.matchAll(/[└├]─ (\S+)\/\s*$/gm)].map((m) => m[1]);
  return { applied };
}

/**
 * Applies pending migrations to `databaseUrl`, then seals any plain personal
 * values a migration set aside (issue 17); throws MigrationError with a readable message.
 */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  await deployMigrations(databaseUrl);
  const { sealPendingPersonalData } = await import("@/lib/privacy/crypto/seal-pending");
  await sealPendingPersonalData(databaseUrl);
}

async function main(): Promise<void> {
  // Without DATABASE_URL: the embedded database that `npm start` uses.
  const { openLocalDatabase } = await import("@/lib/db/local");
  const local = await openLocalDatabase({ announce: (line) => console.error(line) }).catch((error: unknown) => {
    console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (!local) {
    process.exitCode = 1;
    return;
  }
  const url = local.url;
  try {
    const { applied } = await deployMigrations(url);
    const { sealPendingPersonalData } = await import("@/lib/privacy/crypto/seal-pending");
    const sealed = await sealPendingPersonalData(url);
    if (sealed.frameClients + sealed.outboxMessages > 0)
      console.log(`Encrypted the personal values stored before: ${sealed.frameClients} frame clients, ${sealed.outboxMessages} outbox messages`);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${redactUrl(url)}:\n${applied.map((n) => `  ${n}`).join("\n")}`
        : `${redactUrl(url)} is up to date: no pending migrations.`,
    );
  } catch (err) {
    console.error(`db:migrate: ${err instanceof MigrationError ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await local.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
