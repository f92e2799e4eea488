import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/env";
import { dbGlobal } from "./db-global";

export { disconnectDb } from "./db-global";

// One client per process (and per dev-server reload, hence globalThis).
const globalForDb = dbGlobal as { fieldworkDb?: PrismaClient; fieldworkDbUrl?: string };

export function db(): PrismaClient {
  const url = databaseUrl();
  if (!globalForDb.fieldworkDb || globalForDb.fieldworkDbUrl !== url) {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    // Under a burst (200 respondents posting at once) a transaction waits for one
    // of the pool's connections longer than Prisma's default 2 s: it should wait,
    // not fail the request (issue 13, bench/online-answers).
    globalForDb.fieldworkDb = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 20_000 } });
    globalForDb.fieldworkDbUrl = url;
  }
  return globalForDb.fieldworkDb;
}
