import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/env";

/**
 * A plain node-postgres connection of its own, for what Prisma cannot do:
 * COPY FROM STDIN (the frame import) and large read-only result sets read as
 * arrays (the sample draw). Closed when `work` settles.
 */
export async function withPgClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
