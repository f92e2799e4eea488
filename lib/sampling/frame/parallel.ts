// The import's parse (issue 6): a frame file's byte stream to COPY text, its
// rows checked on worker threads. Gives what parseFrame (parse.ts) gives,
// the same rows, errors, lines and summary, but as COPY lines ready for the
// database rather than row objects; parallel.test.ts holds the two equal.
//
//   main thread: read -> cut into quote-balanced chunks (chunker.ts) -> post
//   workers:     chunk -> rows checked, COPY text + errors (chunk.ts)
//   main thread: results in file order -> line numbers, duplicate client_refs,
//                whole-file checks -> batches
//
// A chunk is parsed on the guess that it starts at a record. The results are
// taken in order, and each tells where its last record ended; when that is not
// the chunk's end (a stray quote upset the cut), the rest is carried into the
// next chunk and that one is parsed again from there. So a wrong guess costs a
// re-parse, never a wrong row.
//
// Memory: a few chunks in flight (about a megabyte each, plus their COPY
// text), and ~25 bytes per accepted client_ref (FirstSeen).

import { FirstSeen } from "./first-seen";
import type { OverLimit } from "./record-splitter";
import { FrameChunker } from "../../csv-stream/chunker";
import { mergeByLine } from "../../csv-stream/line-order";
import { inThread, type ChunkRunner as SharedRunner } from "../../csv-stream/worker-pool";
import type { DataKey } from "../../privacy/crypto/cipher";
import { parseFrameChunk, type ChunkInput, type ChunkOptions, type ChunkResult } from "./chunk";
import type { FrameHeader } from "./header";
import type { FrameError } from "./row";
import { DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_RECORD_CHARS, type FrameParseSummary } from "./parse";
import { TAB, UTF16_MESSAGE, UTF8_BOM, isUtf16 } from "../../csv-stream/bytes";

export interface CopyBatch {
  /** COPY text (copy.ts STAGING_COLUMNS) of the batch's valid rows: in file order, or in `groups`. */
  copy: Uint8Array;
  /** Per row, in file order: its line in the file, its contact month (copy.ts monthKey), and where its COPY line is in `copy`. */
  lines: Int32Array;
  months: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** With groupByMonth, usually: (month, start, end) triples, each a month's lines in `copy`. */
  groups: Int32Array | null;
  errors: FrameError[];
  /** Data rows read, valid and rejected. */
  rows: number;
  valid: number;
}

/** Runs chunks: on worker threads (workers.ts) or, for tests and as a fallback, here. */
export type ChunkRunner = SharedRunner<[ChunkInput, ChunkOptions], ChunkResult>;

const here: ChunkRunner = inThread(parseFrameChunk);

export interface CopyParseOptions {
  runner?: ChunkRunner;
  /** Chunk size; default 1 MiB. */
  chunkBytes?: number;
  maxFieldChars?: number;
  maxRecordChars?: number;
  /** Called after each piece of input with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Group each batch's lines by contact month (for MonthBuckets). */
  groupByMonth?: boolean;
  /**
   * Reject a second valid row for the same service and client_ref (default
   * true). The check costs the main thread ~0.3 µs a row, in cache misses; the
   * first import leaves it to the database (import-frame.ts), with `lines`.
   */
  checkDuplicates?: boolean;
  /** The data key the personal values are sealed with (issue 17). */
  sealKey: DataKey;
}

export async function* parseFrameToCopy(
  input: AsyncIterable<Uint8Array | string>,
  options: CopyParseOptions,
): AsyncGenerator<CopyBatch, FrameParseSummary, undefined> {
  const runner = options.runner ?? here;
  const limits: ChunkOptions = {
    maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS,
    maxRecordChars: options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
    groupByMonth: options.groupByMonth ?? false,
    hashKeys: options.checkDuplicates !== false,
    sealKey: options.sealKey,
  };
  const chunker = new FrameChunker(options.chunkBytes ?? 1 << 20, 2 * limits.maxRecordChars + (options.chunkBytes ?? 1 << 20));
  const seen = options.checkDuplicates === false ? null : new FirstSeen();
  let header: FrameHeader | null = null;
  let fileError: FrameError | null = null;
  let sawText = false;
  let bytes = 0;
  let dataRows = 0;
  let valid = 0;
  let line = 1; // of the next chunk's first byte
  let carry: { bytes: Uint8Array; skipping: boolean; over: OverLimit | null } | null = null;
  let bom: boolean | null = null; // a UTF-8 byte order mark at the start (dropped, as TextDecoder does)
  let head = Buffer.alloc(0); // the first bytes, until the BOM question is settled

  // Chunks posted and not yet taken, in file order. A chunk is posted on the
  // guess that no carry will come before it (the header must be known first).
  const queue: { bytes: Uint8Array; final: boolean; result: Promise<ChunkResult> | null }[] = [];
  const post = (chunk: Uint8Array, final: boolean) => {
    const speculative = header !== null;
    queue.push({
      bytes: chunk,
      final,
      result: speculative ? runner.run({ bytes: chunk, header, skipping: false, over: null, final }, limits) : null,
    });
  };

  /** Takes the oldest chunk's result, re-parsing it when a carry comes before it. */
  const take = async (): Promise<CopyBatch> => {
    const chunk = queue.shift()!;
    let data = chunk.bytes;
    let result: ChunkResult;
    if (carry === null && chunk.result !== null) result = await chunk.result;
    else {
      chunk.result?.catch(() => undefined); // a guess that turned out wrong
      if (carry !== null) data = concat(carry.bytes, chunk.bytes);
      result = await runner.run({ bytes: data, header, skipping: carry?.skipping ?? false, over: carry?.over ?? null, final: chunk.final }, limits);
    }
    carry =
      !chunk.final && (result.used < data.length || result.skipping || result.over !== null)
        ? { bytes: data.subarray(result.used), skipping: result.skipping, over: result.over }
        : null;
    if (result.header) {
      header = result.header;
      // The chunks read while the header was unknown can now be parsed ahead.
      for (const q of queue) q.result ??= runner.run({ bytes: q.bytes, header, skipping: false, over: null, final: q.final }, limits);
    }
    if (result.sawText) sawText = true;
    const batch = settle(result, line);
    line += result.endLine - 1;
    if (result.fileError) fileError = result.fileError;
    return batch;
  };

  /** Absolute lines, duplicates: a chunk's result as a batch. */
  const settle = (r: ChunkResult, first: number): CopyBatch => {
    const offset = first - 1;
    for (const e of r.errors) {
      e.line += offset;
      if (e.lastLine !== undefined) e.lastLine += offset;
    }
    dataRows += r.rows;
    if (r.fileError) return { ...EMPTY, errors: r.errors, rows: r.rows };
    const lines = r.lines;
    for (let i = 0; i < r.valid; i++) lines[i] += offset;
    const copy = r.copy;
    if (seen === null) {
      valid += r.valid;
      return { copy, lines, months: r.months, starts: r.starts, ends: r.ends, groups: r.groups, errors: r.errors, rows: r.rows, valid: r.valid };
    }
    // Each client once per file: the first valid row wins, later ones are errors.
    let duplicates: FrameError[] | null = null;
    let drop: Int32Array | null = null;
    seen.prefetch(r.keyHashes, r.valid);
    for (let i = 0; i < r.valid; i++) {
      const at = r.starts[i];
      const refStart = at + (copy[at] === 67 ? 4 : 8); // "CMS\t" or "OPTIONS\t"
      let refEnd = refStart;
      while (copy[refEnd] !== TAB) refEnd++;
      const rowLine = lines[i];
      const firstLine = seen.lookupBytes(r.keyHashes[i], copy[at], copy, refStart, refEnd, rowLine);
      if (firstLine === undefined) continue;
      const ref = Buffer.from(copy.buffer, copy.byteOffset + refStart, refEnd - refStart).toString("latin1");
      const service = copy[at] === 67 ? "CMS" : "OPTIONS";
      (duplicates ??= []).push({
        line: rowLine,
        column: "client_ref",
        message: `client_ref: '${ref}' already appears for ${service} on line ${firstLine}; each client may appear once per file`,
      });
      (drop ??= new Int32Array(r.valid))[i] = 1;
    }
    if (duplicates === null || drop === null) {
      valid += r.valid;
      return { copy, lines, months: r.months, starts: r.starts, ends: r.ends, groups: r.groups, errors: r.errors, rows: r.rows, valid: r.valid };
    }
    const kept = r.valid - duplicates.length;
    valid += kept;
    return { ...without(r, drop, kept), errors: mergeByLine(r.errors, duplicates), rows: r.rows, valid: kept };
  };

  let first = true;
  let ownError: FrameError | null = null; // a file error found here rather than in a chunk
  try {
    for await (const piece of input) {
      const data = typeof piece === "string" ? Buffer.from(piece) : piece;
      if (first && data.length > 0) {
        first = false;
        if (isUtf16(data)) {
          ownError = fileError = { line: 1, column: null, message: UTF16_MESSAGE };
          break;
        }
      }
      bytes += data.byteLength;
      let rest: Uint8Array = data;
      if (bom === null) {
        head = Buffer.concat([head, data]);
        if (head.length < 3 && head.every((b, i) => b === UTF8_BOM[i])) {
          options.onProgress?.(bytes);
          continue;
        }
        bom = head.length >= 3 && head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2];
        rest = bom ? head.subarray(3) : head;
      }
      for (const chunk of chunker.push(rest)) post(chunk, false);
      options.onProgress?.(bytes);
      // Keep `parallelism` chunks in flight; until the header is known, one at a time.
      while (queue.length > 0 && (queue.length > runner.parallelism || queue[0].result === null) && fileError === null) {
        yield await take();
      }
      if (fileError !== null) break; // leaving the loop closes the input stream
    }
    if (fileError === null) {
      post(bom === null ? head : chunker.end(), true);
      while (queue.length > 0 && fileError === null) yield await take();
    }
  } finally {
    for (const q of queue) q.result?.catch(() => undefined);
  }

  if (fileError === null) {
    if (!sawText) ownError = fileError = { line: 1, column: null, message: "the file is empty" };
    else if (header !== null && dataRows === 0) ownError = fileError = { line: 2, column: null, message: "the file has a header but no data rows" };
  }
  // A chunk's file error is in that chunk's batch already.
  if (ownError !== null) yield { ...EMPTY, errors: [ownError] };
  return { rows: dataRows, valid, rejected: dataRows - valid, bytes, fileError };
}

const EMPTY: CopyBatch = {
  copy: new Uint8Array(0),
  lines: new Int32Array(0),
  months: new Int32Array(0),
  starts: new Int32Array(0),
  ends: new Int32Array(0),
  groups: null,
  errors: [],
  rows: 0,
  valid: 0,
};

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The rows not marked in `drop`, in file order (no groups). */
function without(r: ChunkResult, drop: Int32Array, kept: number): Pick<CopyBatch, "copy" | "lines" | "months" | "starts" | "ends" | "groups"> {
  const copy = new Uint8Array(r.copy.length);
  const lines = new Int32Array(kept);
  const months = new Int32Array(kept);
  const starts = new Int32Array(kept);
  const ends = new Int32Array(kept);
  let w = 0;
  let k = 0;
  for (let i = 0; i < r.valid; i++) {
    if (drop[i] === 1) continue;
    copy.set(r.copy.subarray(r.starts[i], r.ends[i]), w);
    months[k] = r.months[i];
    lines[k] = r.lines[i];
    starts[k] = w;
    w += r.ends[i] - r.starts[i];
    ends[k++] = w;
  }
  return { copy: copy.subarray(0, w), lines, months, starts, ends, groups: null };
}
