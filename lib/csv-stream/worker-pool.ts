// Worker threads for a streamed import's parse (issue 6; the responses import
// since issue 16): each runs one exported function of a task module on the
// chunks it is given and posts the result back, its typed arrays transferred,
// not copied. This module is also the workers' code: a thread started from it
// with a WorkerTask as its workerData serves chunks instead of exporting
// anything useful.
//
// The workers run TypeScript sources through tsx's require() hook (loaded as
// CommonJS): the files themselves when run from source (the command line,
// tests, the benchmarks), or, in the app bundled by Next.js, the project's
// copies in the working folder (taskSource). Where neither can start,
// startWorkerPool resolves to null and the import parses on its main thread:
// slower, the same result.

import { existsSync } from "node:fs";
import os from "node:os";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const POOL_WORKER = "fieldwork-csv-stream-worker";

/** A function the workers run: `name`, exported by the TypeScript module at `source`. */
export interface WorkerTask {
  readonly source: string | null;
  readonly name: string;
}

type Request = { id: number; args: unknown[] };
type Reply = { id: number; result: unknown } | { id: number; error: string };

/**
 * The nice value of a parse worker thread (Linux applies it to the thread alone):
 * an import is background work, so when the machine is busy the web server's
 * request threads come first (issue 17: other users' pages stay fast while a
 * 2.5M-row frame is imported, bench/import-contention). On an idle machine it
 * changes nothing.
 */
export const WORKER_NICE = 19;

if (!isMainThread && (workerData as { tag?: string } | null)?.tag === POOL_WORKER && parentPort) {
  const port = parentPort;
  try {
    os.setPriority(WORKER_NICE);
  } catch {
    // Not allowed here (some containers): the worker runs at its parent's priority.
  }
  const { source, name } = workerData as { tag: string; source: string; name: string };
  const fn = (createRequire(source)(source) as Record<string, (...args: unknown[]) => unknown>)[name];
  port.on("message", ({ id, args }: Request) => {
    try {
      const result = fn(...args);
      port.postMessage({ id, result } satisfies Reply, transferable(result));
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    }
  });
  port.postMessage("ready");
}

/** The buffers of a result's typed arrays that own them whole (each once): moved to the main thread, not copied. */
function transferable(result: unknown): ArrayBuffer[] {
  if (result === null || typeof result !== "object") return [];
  const out = new Set<ArrayBuffer>();
  for (const v of Object.values(result)) {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) out.add(v.buffer);
  }
  return [...out];
}

/** Runs a task's chunks: on worker threads or, for tests and as a fallback, on this thread. */
export interface ChunkRunner<A extends unknown[], R> {
  run(...args: A): Promise<R>;
  /** How many chunks it can usefully hold at once. */
  readonly parallelism: number;
}

export interface WorkerPool<A extends unknown[], R> extends ChunkRunner<A, R> {
  close(): Promise<void>;
}

/** The same function on this thread, one chunk at a time. */
export function inThread<A extends unknown[], R>(fn: (...args: A) => R): ChunkRunner<A, R> {
  return { parallelism: 1, run: async (...args) => fn(...args) };
}

/**
 * A task module's TypeScript source: `relative` to the calling module when it
 * runs from source (`import.meta.url` a .ts file), else the project's copy at
 * `fromRoot` in the working folder (`next start` in the project folder or the
 * Docker image, which keep the sources). Null when there is none.
 */
export function taskSource(callerUrl: string, relative: string, fromRoot: string): string | null {
  if (callerUrl.startsWith("file:") && callerUrl.endsWith(".ts")) return fileURLToPath(new URL(relative, callerUrl));
  const copy = path.join(process.cwd(), fromRoot);
  return existsSync(copy) ? copy : null;
}

/**
 * Starts `count` workers running `task`; resolves when they are ready, or to
 * null when they cannot start here (the caller then parses on its own thread).
 */
export async function startWorkerPool<A extends unknown[], R>(task: WorkerTask, count: number, timeoutMs = 20_000): Promise<WorkerPool<A, R> | null> {
  if (count < 1 || task.source === null) return null;
  const self = taskSource(import.meta.url, "./worker-pool.ts", "lib/csv-stream/worker-pool.ts");
  if (self === null) return null;
  // tsx's require() hook rather than its import hooks: those run on a thread
  // of their own in each worker (measured: 85 MB for two workers, against 43).
  const tsx = resolveFrom(self, ["tsx", "cjs", "api"].join("/"));
  if (tsx === null) return null;
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(self)});`;

  const workers: Worker[] = [];
  try {
    const started = await Promise.all(
      Array.from({ length: count }, () => {
        const worker = new Worker(code, {
          eval: true,
          workerData: { tag: POOL_WORKER, source: task.source, name: task.name },
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
    if (started.every(Boolean)) return new Pool<A, R>(workers, task.name);
  } catch {
    // fall through: no workers here
  }
  await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
  return null;
}

/** Resolves a package from a file's folder; the name is built at run time so bundlers leave it alone. */
function resolveFrom(file: string, specifier: string): string | null {
  try {
    return createRequire(file).resolve(specifier);
  } catch {
    return null;
  }
}

class Pool<A extends unknown[], R> implements WorkerPool<A, R> {
  readonly parallelism: number;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void; worker: number }>();
  private readonly load: number[];
  private failure: Error | null = null;

  constructor(
    private readonly workers: Worker[],
    name: string,
  ) {
    // Two chunks per worker: one being parsed, one waiting, so none sits idle.
    this.parallelism = workers.length * 2;
    this.load = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.on("message", (reply: Reply) => {
        const job = this.pending.get(reply.id);
        if (!job) return;
        this.pending.delete(reply.id);
        this.load[index]--;
        if ("error" in reply) job.reject(new Error(`${name} worker: ${reply.error}`));
        else job.resolve(reply.result as R);
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
      worker.on("exit", (code) => fail(new Error(`${name} worker stopped (exit code ${code})`)));
    });
  }

  run(...args: A): Promise<R> {
    if (this.failure) return Promise.reject(this.failure);
    let index = 0;
    for (let i = 1; i < this.workers.length; i++) if (this.load[i] < this.load[index]) index = i;
    const id = this.nextId++;
    this.load[index]++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: index });
      this.workers[index].postMessage({ id, args } satisfies Request);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("parse workers closed");
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }
}

/**
 * Runs `fn` on this thread until `afterBytes` have been given (`bytesOf` each
 * chunk's size), then starts `count` workers on `task` in the background and
 * hands them the chunks once they are ready (starting one costs ~0.3-0.5 s,
 * more than a small file takes to parse).
 */
export function lazyWorkerPool<A extends unknown[], R>(
  task: WorkerTask,
  fn: (...args: A) => R,
  bytesOf: (...args: A) => number,
  count: number,
  afterBytes = 8 << 20,
): WorkerPool<A, R> & { readonly workers: number } {
  let given = 0;
  let pool: WorkerPool<A, R> | null = null;
  let starting: Promise<WorkerPool<A, R> | null> | null = null;
  let closed = false;
  return {
    get parallelism() {
      return pool?.parallelism ?? 1;
    },
    get workers() {
      return pool ? pool.parallelism / 2 : 0;
    },
    run(...args) {
      given += bytesOf(...args);
      if (starting === null && given >= afterBytes && count > 0 && !closed) {
        starting = startWorkerPool<A, R>(task, count).then((p) => {
          if (closed) void p?.close();
          else pool = p;
          return p;
        });
      }
      return pool ? pool.run(...args) : Promise.resolve(fn(...args));
    },
    async close() {
      closed = true;
      await pool?.close();
      await (await starting)?.close();
    },
  };
}
