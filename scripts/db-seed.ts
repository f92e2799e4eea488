// npm run db:seed [-- --force]
// Creates one demo user of each role and prints their sign-in details. Refuses
// a database that already has users unless --force (then adds only missing ones).
import { openLocalDatabase } from "@/lib/db/local";
import { migrateDatabase } from "./db-migrate";

const force = process.argv.includes("--force");
const local = await openLocalDatabase({ announce: (l) => process.stderr.write(`${l}\n`) }).catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: { message: error instanceof Error ? error.message : String(error) } })}\n`);
  process.exit(1);
});
process.env.DATABASE_URL = local.url;
try {
  if (local.embedded) await migrateDatabase(local.url);
  const { countUsers, seedUsers } = await import("@/lib/seed/users");
  const existing = await countUsers();
  if (existing > 0 && !force) {
    process.stdout.write(
      `${JSON.stringify({ error: { message: `The database already has ${existing} users; not seeding. Use --force to add the missing demo users.` } })}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`${JSON.stringify({ seeded: await seedUsers() }, null, 2)}\n`);
  }
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
} finally {
  await local.close();
}
