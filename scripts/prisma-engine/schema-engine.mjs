#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, served by the WASM build
// of the same engine (@prisma/schema-engine-wasm) over @prisma/adapter-pg.
//
// Why: the Prisma CLI downloads a native schema engine from a host this network
// cannot reach. Pointing PRISMA_SCHEMA_ENGINE_BINARY at this file lets the
// *unmodified* CLI run generate / migrate deploy / status / diff / dev, and the
// migration folders stay ordinary Prisma migrations that the native engine
// accepts elsewhere. See /work/shared/notes/dependencies.md ("Prisma 7") and
// docs/migrations.md.
//
// The CLI starts us in one of two ways:
//   BIN [--datamodels FILE]... [--datasource JSON]            JSON-RPC 2.0 on stdio
//   BIN --datasource JSON cli can-connect-to-database|create-database
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
// pg's own connection-string parser (a dependency of pg), so URLs mean the same here as in the app.
const parseUrl = createRequire(require.resolve("pg"))("pg-connection-string").parse;
const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
const wasmDir = path.dirname(gluePath);

// --- arguments ---------------------------------------------------------------
const argv = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
let cliCommand = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--datamodels") datamodelPaths.push(argv[++i]);
  else if (a === "--datasource") datasource = JSON.parse(argv[++i]);
  else if (a === "--enabled-preview-features" || a === "--extension-types")
    i++; // not needed for PostgreSQL
  else if (a === "cli") cliCommand = argv[++i];
  else if (a === "--version" || a === "-V") {
    const { version } = JSON.parse(fs.readFileSync(path.join(wasmDir, "package.json"), "utf8"));
    process.stdout.write(`schema-engine-wasm-standin ${version}\n`);
    process.exit(0);
  }
}

/** pg config object for a URL; optionally for another database on the same server. */
function pgConfig(url, database) {
  const { schema, ...cfg } = parseUrl(url); // `schema` is Prisma's parameter, not pg's
  for (const k of Object.keys(cfg)) if (cfg[k] === null || cfg[k] === undefined) delete cfg[k];
  return database ? { ...cfg, database } : cfg;
}
const schemaOf = (url) => new URL(url).searchParams.get("schema") ?? undefined;
const quoteIdent = (name) => `"${String(name).replaceAll('"', '""')}"`;

// --- `cli` subcommands: the CLI reads the exit code, and on failure parses stderr
// as JSON log lines (it skips the first line, and every other line must be JSON).
function logLine(level, fields) {
  return JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" });
}
function knownError(err, cfg) {
  const where = `${cfg.host ?? "localhost"}:${cfg.port ?? 5432}`;
  if (err.code === "3D000") return { error_code: "P1003", message: `Database \`${cfg.database}\` does not exist on the database server at \`${where}\`.` };
  if (err.code === "28P01" || err.code === "28000")
    return { error_code: "P1000", message: `Authentication failed against database server at \`${where}\`: ${err.message}` };
  if (err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "ETIMEDOUT")
    return { error_code: "P1001", message: `Can't reach database server at \`${where}\`` };
  return { message: err.message };
}
async function runCli(command) {
  const cfg = pgConfig(datasource.url);
  try {
    if (command === "can-connect-to-database") {
      const c = new pg.Client(cfg);
      await c.connect();
      await c.end();
    } else if (command === "create-database") {
      const c = new pg.Client({ ...cfg, database: "postgres" });
      await c.connect();
      await c.query(`CREATE DATABASE ${quoteIdent(cfg.database)}`);
      await c.end();
      process.stderr.write(logLine("INFO", { message: `Database '${cfg.database}' was successfully created.` }));
    } else throw new Error(`Unsupported cli command: ${command}`);
    process.exit(0);
  } catch (err) {
    process.stderr.write("schema-engine stand-in\n" + logLine("ERROR", knownError(err, cfg)));
    process.exit(1);
  }
}
if (cliCommand) await runCli(cliCommand);

// --- patches for adapter-pg 7.10 and the WASM engine -------------------------------
// 1. The engine's catalog queries return columns of PostgreSQL's internal "char"
//    type (OID 18), which adapter-pg cannot map ("Column type 'char' could not be
//    deserialized"). Report them as text (OID 25); the value is already a string.
// 3. The WASM engine panics ("RuntimeError: unreachable") on the rows of its
//    query for CHECK and exclusion constraints (the migrations add CHECK
//    constraints by hand), and the CLI then reported "no difference" for any
//    schema: `migrate diff` could not fail. The schema language has no CHECK
//    constraints and the diff never writes them, so the engine is given none.
const CHECK_CONSTRAINTS_QUERY = /AND contype NOT IN \('p', 'u', 'f'\)/;
for (const proto of [pg.Pool.prototype, pg.Client.prototype]) {
  const query = proto.query;
  proto.query = function (...args) {
    const text = typeof args[0] === "string" ? args[0] : args[0]?.text;
    const res = query.apply(this, args);
    if (res && typeof res.then === "function")
      return res.then((r) => {
        for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
        if (r && typeof text === "string" && CHECK_CONSTRAINTS_QUERY.test(text)) {
          r.rows = [];
          r.rowCount = 0;
        }
        return r;
      });
    return res;
  };
}
// 2. adapter-pg's executeScript() splits the script on ";", which breaks any
//    migration containing a function body. The native engine sends a migration
//    as one simple-protocol query, so do the same.
function wholeScript(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (err) {
      adapter.onError(err); // throws the adapter's DriverAdapterError
    }
  };
  return adapter;
}

// --- adapter factory, with a shadow database the way the native engine does it --
// adapter-pg's own connectToShadowDb() reuses the main database when given a URL
// and drops the shadow database while its pool is still connected, so: an
// explicit shadowDatabaseUrl is used as is; otherwise we create a throw-away
// database on the main server and drop it WITH (FORCE) after its pool has ended.
function adapterFactory() {
  const url = datasource.url;
  if (!url) throw new Error("No datasource URL: set DATABASE_URL (read by prisma.config.ts).");
  const main = new PrismaPg(pgConfig(url), { schema: schemaOf(url) });
  return bindMigrationAwareSqlAdapterFactory({
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScript(await main.connect()),
    connectToShadowDb: async () => {
      if (datasource.shadowDatabaseUrl) {
        const s = datasource.shadowDatabaseUrl;
        return wholeScript(await new PrismaPg(pgConfig(s), { schema: schemaOf(s) }).connect());
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const admin = async (sql) => {
        const c = new pg.Client(pgConfig(url));
        await c.connect();
        try {
          await c.query(sql);
        } finally {
          await c.end();
        }
      };
      await admin(`CREATE DATABASE ${quoteIdent(name)}`);
      const adapter = await new PrismaPg(pgConfig(url, name), { schema: schemaOf(url) }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await admin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      };
      return wholeScript(adapter);
    },
  });
}

// --- the WASM engine --------------------------------------------------------------
// The package's ESM entry imports a .wasm file, which Node 20 rejects; instantiate
// the module ourselves and hand its exports to the wasm-bindgen glue.
// Panics are reported through this global; without it they surface as
// "Cannot read properties of undefined (reading 'set_message')".
let panicMessage = null;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (m) => (panicMessage = m) };
const glue = await import(gluePath);
const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(wasmDir, "schema_engine_bg.wasm")), { "./schema_engine_bg.js": glue });
glue.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start?.();

// Without --datamodels (e.g. `migrate diff`) the engine wants `undefined`; [] panics.
const datamodels = datamodelPaths.length ? datamodelPaths.map((p) => [p, fs.readFileSync(p, "utf8")]) : undefined;
// The engine connects to the main database while it is constructed; construct it on
// the first request so a connection failure becomes that request's error message.
let enginePromise = null;
const getEngine = () =>
  (enginePromise ??= glue.SchemaEngine.new(
    { datamodels },
    (line) => process.stderr.write(String(line).trimEnd() + "\n"), // engine log lines (JSON)
    adapterFactory(),
  ).catch(async (err) => {
    if (!datasource.url) throw err;
    // The engine's message for an unreachable or missing database is vague
    // ("User was denied access on the database `(not available)`"): say what failed.
    const cfg = pgConfig(datasource.url);
    const c = new pg.Client(cfg);
    const known = await c.connect().then(
      () => c.end(),
      (e) => knownError(e, cfg),
    );
    throw known ? Object.assign(new Error(known.message), { error_code: known.error_code }) : err;
  }));

// --- JSON-RPC over newline-delimited JSON ----------------------------------------
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
let nextOwnId = 1_000_000_000; // ids of our own requests to the CLI (`print`)
const awaitingCli = new Map();

function toRpcError(err) {
  const panic = panicMessage;
  panicMessage = null;
  if (panic || err instanceof WebAssembly.RuntimeError)
    return { code: 4466, message: "An error happened.", data: { is_panic: true, message: panic ?? String(err), backtrace: null } };
  // WASM engine errors are plain Errors (message plus a Rust span trace);
  // ours from getEngine() carry an error_code the CLI shows, like the native engine's.
  const message = err?.message ?? String(err);
  return { code: 4466, message: "An error happened.", data: { is_panic: false, message, error_code: err?.error_code, meta: err?.meta } };
}

const methods = {
  getDatabaseVersion: async (p) => (await getEngine()).version(p),
  // The native engine hands the diff to the CLI as a `print` request, not in the result.
  diff: async (p) => {
    const { stdout, ...rest } = await (await getEngine()).diff(p);
    if (stdout) {
      const id = nextOwnId++;
      await new Promise((resolve) => {
        awaitingCli.set(id, resolve);
        send({ jsonrpc: "2.0", id, method: "print", params: { content: stdout } });
      });
    }
    return rest;
  },
  // In the WASM engine these two compute "schema from migrations" on the main
  // connection unless devDiagnostic has already cached it (devDiagnostic uses the
  // shadow database factory), and fail with "PostgreSQL shadow DB must be provided
  // through an external factory". `migrate dev` on a fresh database skips that
  // caching, so warm the cache first (a cache hit when already there).
  evaluateDataLoss: (p) => withMigrationsCached(p, "evaluateDataLoss"),
  createMigration: (p) => withMigrationsCached(p, "createMigration"),
};
async function withMigrationsCached(p, method) {
  const engine = await getEngine();
  await engine.devDiagnostic({ migrationsList: p.migrationsList, filters: p.filters }).catch(() => {});
  return engine[method](p);
}

async function handle(req) {
  try {
    const engine = methods[req.method] ? null : await getEngine();
    const fn = methods[req.method] ?? engine[req.method]?.bind(engine);
    if (!fn || req.method === "constructor" || req.method === "free")
      return send({ jsonrpc: "2.0", id: req.id, error: { code: -32601, message: `Method not found: ${req.method}` } });
    const result = await fn(req.params ?? {});
    send({ jsonrpc: "2.0", id: req.id, result: result ?? {} });
  } catch (err) {
    send({ jsonrpc: "2.0", id: req.id, error: toRpcError(err) });
  }
}

let queue = Promise.resolve(); // one request at a time, in order, like the native engine
readline
  .createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    if (!line.trim()) return;
    const msg = JSON.parse(line);
    if (msg.method === undefined && awaitingCli.has(msg.id)) {
      awaitingCli.get(msg.id)();
      awaitingCli.delete(msg.id);
    } else queue = queue.then(() => handle(msg));
  })
  .on("close", () => queue.then(() => process.exit(0)));
