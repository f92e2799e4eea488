import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const database = {
  globalSetup: ["./test/db-global-setup.ts"],
  setupFiles: ["./test/db-setup.ts"],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};
/** Database test files that run after the rest, alone. */
const ALONE = ["prisma/migrations.db.test.ts"];

// Pure unit tests (no I/O) and database tests against a real
// PostgreSQL (the machine's on 127.0.0.1:5432 when reachable, otherwise an
// embedded one). Each database test file gets a fresh database of its own.
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}test/empty.ts` } },
  test: {
    // Vitest's default is one worker fewer than the cores: one on these 2-core
    // machines, which left the second core idle while database tests waited on
    // PostgreSQL (the whole run took 279 s with one worker, 167 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Pure functions: the files share one module graph per worker rather than
          // each starting a fresh one (62 s to 24 s for the unit tests alone). A test
          // that stubs the environment puts it back (vi.unstubAllEnvs) in afterAll.
          isolate: false,
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts", "scripts/**/*.db.test.ts", "prisma/**/*.db.test.ts"],
          exclude: [...ALONE, "node_modules/**"],
          ...database,
        },
      },
      {
        // After the others, on its own: Prisma's WASM schema engine failed to start
        // for a minute on end while two other test files loaded the machine.
        extends: true,
        test: { name: "db-alone", include: ALONE, ...database, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
