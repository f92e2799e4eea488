// Builds the command line (scripts/cli.ts and what it imports from lib/) into
// plain JavaScript with esbuild (installed with tsx), so `npm run cli` starts
// with node alone instead of compiling TypeScript on every run (issue 16: about
// half a second of each command). Packages stay in node_modules (external); the
// project's modules are bundled, each command's in a chunk of its own, loaded
// when that command runs (scripts/cli-commands.ts). Conditions: react-server, as
// `node --conditions=react-server --import tsx` resolved them.
//
// Output: .build/cli-<id>/ (two folders deep, as lib/ modules are, so paths they
// resolve from their own location stay right) and .build/cli.json naming it with
// the build's inputs and start time; scripts/cli-run.mjs runs it, or builds again
// when an input changed. Run by postinstall (npm ci / npm install), by
// `npm run build` (the Dockerfile) and by the launcher when stale.
//   node scripts/build-cli.mjs [--if-possible]   (--if-possible: a failure is a note, exit 0)
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD = path.join(ROOT, ".build");
export const POINTER = path.join(BUILD, "cli.json");
/** Builds older than this are removed by the next build (a command still running from one may load its chunks). */
const KEEP_OLD_MS = 10 * 60_000;

/** Builds the CLI; returns the entry file. Throws when esbuild is missing or the sources do not build. */
export async function buildCli() {
  const startedAt = Date.now();
  const { build } = await import("esbuild");
  const id = `cli-${startedAt.toString(36)}-${process.pid}`;
  const outdir = path.join(BUILD, id);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ["scripts/cli.ts"],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    conditions: ["react-server"],
    outdir,
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "silent",
    tsconfig: "tsconfig.json",
  });
  // The sources it read (and the settings that shape it): a change to any makes the build stale.
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/")), "tsconfig.json", "package.json", "scripts/build-cli.mjs"];
  mkdirSync(BUILD, { recursive: true });
  const tmp = `${POINTER}.${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ dir: id, startedAt, inputs }));
  renameSync(tmp, POINTER); // atomic: a launcher sees the old build or the new one
  for (const name of readdirSync(BUILD)) {
    if (!name.startsWith("cli-") || name === id) continue;
    const dir = path.join(BUILD, name);
    if (Date.now() - statSync(dir).mtimeMs > KEEP_OLD_MS) rmSync(dir, { recursive: true, force: true });
  }
  return path.join(outdir, "cli.mjs");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const lenient = process.argv.includes("--if-possible");
  try {
    const entry = await buildCli();
    console.log(`Built the command line: ${path.relative(ROOT, entry)}`);
  } catch (error) {
    // npm ci in the Dockerfile's first layer has no lib/ yet: `npm run build` builds it later.
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    if (!lenient) throw error;
    console.log(`The command line was not built now (${message}); npm run cli builds it when first run.`);
  }
}
