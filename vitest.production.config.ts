import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// The production image's steps (test/production): a clean copy of the project
// built as the Dockerfile builds it, started as the image starts, two instances
// on one database. Minutes, not seconds, so a step of `npm test` of its own
// (scripts/test.mjs) rather than part of the unit and database tests.
export default defineConfig({
  resolve: { alias: { "@": root, "server-only": `${root}test/empty.ts` } },
  test: {
    name: "production",
    include: ["test/production/**/*.prod.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 20 * 60_000,
    fileParallelism: false,
  },
});
