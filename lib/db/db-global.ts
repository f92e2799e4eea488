// The process's Prisma client lives on globalThis (one per process, and per
// dev-server reload). Kept apart from client.ts so that a caller can close it
// without loading Prisma when nothing opened it (the CLI: `results` never does).
export const dbGlobal = globalThis as unknown as { fieldworkDb?: { $disconnect(): Promise<void> }; fieldworkDbUrl?: string };

/** Closes the pool if one was opened (CLI and scripts, before they exit). */
export async function disconnectDb(): Promise<void> {
  await dbGlobal.fieldworkDb?.$disconnect();
  dbGlobal.fieldworkDb = undefined;
}
