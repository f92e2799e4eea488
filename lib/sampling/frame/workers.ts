// The frame import's parse on worker threads (issue 6): parseFrameChunk
// (chunk.ts) run by the shared pool (lib/csv-stream/worker-pool.ts).

import { lazyWorkerPool, startWorkerPool, taskSource, type WorkerPool } from "../../csv-stream/worker-pool";
import { parseFrameChunk, type ChunkInput, type ChunkOptions, type ChunkResult } from "./chunk";

export type ChunkWorkers = WorkerPool<[ChunkInput, ChunkOptions], ChunkResult>;

const task = () => ({ source: taskSource(import.meta.url, "./chunk.ts", "lib/sampling/frame/chunk.ts"), name: "parseFrameChunk" });

/** Starts `count` frame parse workers; null when they cannot start here. */
export function startChunkWorkers(count: number): Promise<ChunkWorkers | null> {
  return startWorkerPool(task(), count);
}

/** Parses on this thread until 8 MB have been given, then on `count` workers (lazyWorkerPool). */
export function lazyChunkWorkers(count: number): ChunkWorkers & { readonly workers: number } {
  return lazyWorkerPool(task(), parseFrameChunk, (input) => input.bytes.length, count);
}
