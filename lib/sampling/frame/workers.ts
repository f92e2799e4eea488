// Worker threads for the frame import's parse (issue 6): each runs
// parseFrameChunk (chunk.ts) on the chunks it is given. This module is
// also the workers' code: a thread started from it with FRAME_WORKER as its
// workerData serves chunks instead of exporting anything useful.
//
// The workers run this module's TypeScript source through tsx's require() hook
// (loaded as CommonJS): the file itself when run from source (the command line,
// tests, the benchmark), or, in the app bundled by Next.js, the project's copy
// in the working folder (workerSource). Where neither can start,
// startChunkWorkers resolves to null and the import parses on its main thread:
// slower, the same result.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { parseFrameChunk, type ChunkInput, type ChunkOptions, type ChunkResult } from "./chunk";
import type { ChunkRunner } from "./parallel";

const FRAME_WORKER = "fieldwork-frame-chunk-worker";

type Request = { id: number; input: ChunkInput; limits: ChunkOptions };
type Reply = { id: number; result: ChunkResult } | { id: number; error: string };

if (!isMainThread && workerData === FRAME_WORKER && parentPort) {
  const port = parentPort;
  port.on("message", ({ id, input, limits }: Request) => {
    try {
      const result = parseFrameChunk(input, limits);
      port.postMessage({ id, result } satisfies Reply, [
        result.copy.buffer,
        result.lines.buffer,
        result.months.buffer,
        result.starts.buffer,
        result.ends.buffer,
        result.keyHashes.buffer,
        ...(result.groups ? [result.groups.buffer] : []),
      ] as ArrayBuffer[]);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    }
  });
  port.postMessage("ready");
}

export interface ChunkWorkers extends ChunkRunner {
  close(): Promise<void>;
}

/**
 * Starts `count` workers; resolves when they are ready, or to null when they
 * cannot start here (the caller then parses on its own thread).
 */
export async function startChunkWorkers(count: number, timeoutMs = 20_000): Promise<ChunkWorkers | null> {
  if (count < 1) return null;
  const source = workerSource();
  if (source === null) return null;
  // tsx's require() hook rather than its import hooks: those run on a thread
  // of their own in each worker (measured: 85 MB for two workers, against 43).
  const tsx = resolveFrom(source, ["tsx", "cjs", "api"].join("/"));
  if (tsx === null) return null;
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`;

  const workers: Worker[] = [];
  try {
    const started = await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(code, {
          eval: true,
          workerData: FRAME_WORKER,
          // A small young generation: each chunk leaves a few MB of buffers
          // behind, freed at the next scavenge; keeps the import under 500 MB.
          resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 },
        });
        workers.push(worker);
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), timeoutMs);
          worker.once("message", (m) => {
            clearTimeout(timer);
            resolve(m === "ready");
          });
          worker.once("error", () => {
            clearTimeout(timer);
            resolve(false);
          });
          worker.once("exit", () => {
            clearTimeout(timer);
            resolve(false);
          });
        });
      }),
    );
    if (started.every(Boolean)) return new Pool(workers);
  } catch {
    // fall through: no workers here
  }
  await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  return null;
}

/**
 * This module's TypeScript source, which the workers run through tsx: the file
 * itself when run from source (the command line, tests, benchmarks), else the
 * project's copy next to the running app (`next start` in the project folder or
 * the Docker image, which keep the sources). Null when there is none.
 */
function workerSource(): string | null {
  const self = import.meta.url;
  if (self.startsWith("file:") && self.endsWith(".ts")) return fileURLToPath(self);
  const copy = path.join(process.cwd(), "lib", "sampling", "frame", "workers.ts");
  return existsSync(copy) ? copy : null;
}

/** Resolves a package from a file's folder; the name is built at run time so bundlers leave it alone. */
function resolveFrom(file: string, specifier: string): string | null {
  try {
    return createRequire(file).resolve(specifier);
  } catch {
    return null;
  }
}

class Pool implements ChunkWorkers {
  readonly parallelism: number;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void; worker: number }>();
  private readonly load: number[];
  private failure: Error | null = null;

  constructor(private readonly workers: Worker[]) {
    // Two chunks per worker: one being parsed, one waiting, so none sits idle.
    this.parallelism = workers.length * 2;
    this.load = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.on("message", (reply: Reply) => {
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        this.load[index]--;
        if ("error" in reply) job.reject(new Error(`frame parse worker: ${reply.error}`));
        else job.resolve(reply.result);
      });
      const fail = (error: Error) => {
        this.failure ??= error;
        for (const [id, job] of this.pending) {
          if (job.worker !== index) continue;
          this.pending.delete(id);
          job.reject(error);
        }
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`frame parse worker stopped (exit code ${code})`)));
    });
  }

  run(input: ChunkInput, limits: ChunkOptions): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i] < this.load[index]) index = i;
    const id = this.nextId++;
    this.load[index]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: index });
      this.workers[index].postMessage({ id, input, limits } satisfies Request);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("frame parse workers closed");
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }
}

/**
 * Parses on this thread until `afterBytes` have been given, then starts
 * `count` workers in the background and hands them the chunks once they are
 * ready (starting one costs ~0.3-0.5 s, more than a small file takes to parse).
 */
export function lazyChunkWorkers(count: number, afterBytes = 8 << 20): ChunkWorkers & { readonly workers: number } {
  let given = 0;
  let pool: ChunkWorkers | null = null;
  let starting: Promise<ChunkWorkers | null> | null = null;
  let closed = false;
  return {
    get parallelism() {
      return pool?.parallelism ?? 1;
    },
    get workers() {
      return pool ? pool.parallelism / 2 : 0;
    },
    run(input, options) {
      given += input.bytes.length;
      if (starting === null && given >= afterBytes && count > 0 && !closed) {
        starting = startChunkWorkers(count).then((p) => {
          if (closed) void p?.close();
          else pool = p;
          return p;
        });
      }
      return pool ? pool.run(input, options) : Promise.resolve(parseFrameChunk(input, options));
    },
    async close() {
      closed = true;
      await pool?.close();
      await (await starting)?.close();
    },
  };
}
