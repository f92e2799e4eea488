// `npm run cli` runs the built command line (scripts/build-cli.mjs) with plain
// node, builds it again when a source changed, and runs the sources through tsx
// when asked to (or when it cannot build).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const POINTER = path.join(ROOT, ".build", "cli.json");
const pointer = () => JSON.parse(readFileSync(POINTER, "utf8")) as { dir: string; startedAt: number; inputs: string[] };

function cli(args: string[], env: Record<string, string> = {}) {
  // As package.json's "cli" script runs it.
  return spawnSync(process.execPath, ["--conditions=react-server", "scripts/cli-run.mjs", ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
}

describe("npm run cli", () => {
  it("runs the build while its sources are unchanged, and builds again when one changed", () => {
    expect(spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: ROOT, encoding: "utf8" }).status).toBe(0);
    const built = pointer();
    expect(built.inputs).toEqual(expect.arrayContaining(["scripts/cli.ts", "lib/cli/results-commands.ts", "lib/results/db/run-results.ts"]));
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Fieldwork command line");
    expect(pointer().dir).toBe(built.dir);
    // As if a source were edited after the build began.
    writeFileSync(POINTER, JSON.stringify({ ...built, startedAt: 0 }));
    const again = cli(["--help"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("Fieldwork command line");
    expect(pointer().dir).not.toBe(built.dir);
    expect(pointer().startedAt).toBeGreaterThan(built.startedAt);
  }, 60_000);

  it("runs the sources through tsx when asked, with the same answers", () => {
    const fromSource = cli(["results", "--survey", "NOPE", "--measure", "X"], {
      FIELDWORK_CLI_FROM_SOURCE: "1",
      DATABASE_URL: "postgresql://127.0.0.1:1/none",
    });
    const built = cli(["results", "--survey", "NOPE", "--measure", "X"], { DATABASE_URL: "postgresql://127.0.0.1:1/none" });
    expect(fromSource.status).toBe(1);
    expect(JSON.parse(fromSource.stdout)).toEqual(JSON.parse(built.stdout));
    expect(JSON.parse(built.stdout).error.message).toBeTruthy();
  }, 60_000);
});
