import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// Two projects: pure unit tests (no I/O) and database tests against a real
// PostgreSQL (the machine's on 127.0.0.1:5432 when reachable, otherwise an
// embedded one). Each database test file gets a fresh database of its own.
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}test/empty.ts` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts", "scripts/**/*.db.test.ts", "prisma/**/*.db.test.ts"],
          globalSetup: ["./test/db-global-setup.ts"],
          setupFiles: ["./test/db-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
