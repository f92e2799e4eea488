import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_CANDIDATES, findChromium } from "./scripts/chromium.mjs";

// Browser tests drive Debian's Chromium (scripts/chromium.mjs says which);
// scripts/test.mjs checks one is installed before anything runs, and passes it as CHROMIUM_PATH.
export const CHROMIUM = findChromium() ?? CHROMIUM_CANDIDATES[0];
// A port (and state file) of this run's own, so parallel runs never collide.
// Workers inherit the environment, so they see the values the main process chose.
process.env.E2E_PORT ??= String(3100 + (process.pid % 800));
const PORT = Number(process.env.E2E_PORT);
process.env.E2E_STATE_FILE ??= path.resolve("test-results", `e2e-state-${PORT}.json`);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: `test-results/playwright-${PORT}`,
  use: {
    baseURL: `http://localhost:${PORT}`,
    // No trace: recording one for every test (kept only on failure) cost a fifth
    // of the browser tests' time on these CPU-bound 2-core machines. A failure
    // still leaves a screenshot and the page's snapshot (error-context.md); run
    // one spec again with `--trace on` to get its trace.
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // Fresh database, migrations, test users, production build, next start.
    command: `node --conditions=react-server --import tsx e2e/server.ts`,
    url: `http://localhost:${PORT}/api/health`,
    // a busy shared machine may need longer for the build (E2E_SERVER_TIMEOUT_MS)
    timeout: Number(process.env.E2E_SERVER_TIMEOUT_MS ?? 600_000),
    // E2E_REUSE_SERVER=1 with E2E_PORT and E2E_STATE_FILE of a running e2e/server.ts: while writing a test
    reuseExistingServer: Boolean(process.env.E2E_REUSE_SERVER),
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT), E2E_STATE_FILE: process.env.E2E_STATE_FILE },
  },
});
