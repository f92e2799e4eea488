import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { adminQuery } from "./pg-server";

// Per test file: a fresh database copied from the migrated template, dropped afterwards.
const adminUrl = inject("dbAdminUrl");
const name = `fw_test_${randomBytes(6).toString("hex")}`;
await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${inject("dbTemplate")}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  // The telephone queue keeps a pool of its own (lib/cati/db/sql.ts).
  const { closeQueuePool } = await import("@/lib/cati/db/sql");
  await closeQueuePool();
  // The respondent store's pool too, after its writes and any columns stored after an import (not awaited by it).
  const { closeRespondentStore } = await import("@/lib/results/db/respondent-store");
  await closeRespondentStore();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
