// `npm run cli`: runs the built command line (scripts/build-cli.mjs) with plain
// node, building it first when it is missing or older than any of its sources;
// when it cannot be built (no esbuild, a read-only folder) it runs scripts/cli.ts
// through tsx as before. Started with --conditions=react-server (package.json).
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const POINTER = path.join(ROOT, ".build", "cli.json");

/** The built entry when it is there and no input changed since its build began. */
function freshBuild() {
  if (process.env.FIELDWORK_CLI_FROM_SOURCE === "1") return null;
  let pointer;
  try {
    pointer = JSON.parse(readFileSync(POINTER, "utf8"));
  } catch {
    return null;
  }
  const entry = path.join(ROOT, ".build", pointer.dir, "cli.mjs");
  if (!existsSync(entry)) return null;
  for (const input of pointer.inputs) {
    try {
      if (statSync(path.join(ROOT, input)).mtimeMs >= pointer.startedAt) return null;
    } catch {
      return null; // an input gone: build again
    }
  }
  return entry;
}

let entry = freshBuild();
if (!entry && process.env.FIELDWORK_CLI_FROM_SOURCE !== "1") {
  try {
    entry = await (await import("./build-cli.mjs")).buildCli();
  } catch (error) {
    process.stderr.write(`(running the command line from source: it could not be built: ${error instanceof Error ? error.message.split("\n")[0] : error})\n`);
  }
}
if (entry) await import(pathToFileURL(entry).href);
else {
  (await import("tsx/esm/api")).register();
  await import(pathToFileURL(path.join(ROOT, "scripts", "cli.ts")).href);
}
