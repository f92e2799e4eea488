// A responses file's byte stream to staging COPY text (issue 16), its rows
// checked on worker threads, as the frame import parses (lib/sampling/frame/parallel.ts):
//
//   main thread: read -> cut into quote-balanced chunks (lib/csv-stream/chunker.ts) -> post
//   workers:     chunk -> rows checked, COPY text + errors (response-chunk.ts)
//   main thread: results in file order -> line numbers, whole-file checks -> COPY text
//
// A chunk is parsed on the guess that it starts at a record. The results are
// taken in order, and each tells where its last whole record ended; when that
// is not the chunk's end (a quoted value goes on past the cut), the rest is
// carried into the next chunk and that one is parsed again from there. So a
// wrong guess costs a re-parse, never a wrong row. The staging rows name their
// chunk and their line in it (`lineOf` turns them into the file's lines), so
// the COPY text goes to PostgreSQL as the workers wrote it.

import { getQuestionnaireVersion } from "@/lib/questionnaire";
import { FrameChunker } from "../csv-stream/chunker";
import { inThread, taskSource, type ChunkRunner, type WorkerTask } from "../csv-stream/worker-pool";
import { CsvSyntaxError } from "./csv-records";
import { csvFileError, type RowError } from "./response-csv";
import { parseResponseChunk, type ResponseChunkInput, type ResponseChunkResult } from "./response-chunk";
import type { ResponsesHeader } from "./response-row";

export type ResponseChunkRunner = ChunkRunner<[ResponseChunkInput], ResponseChunkResult>;

/** parseResponseChunk as a worker thread's task (lib/csv-stream/worker-pool.ts). */
export const responseChunkTask = (): WorkerTask => ({
  source: taskSource(import.meta.url, "./response-chunk.ts", "lib/results/response-chunk.ts"),
  name: "parseResponseChunk",
});

/** A record may run this far past a chunk's start (a quoted value of many lines); beyond it the file is refused. */
const MAX_RECORD_BYTES = 16 << 20;
const CHUNK_BYTES = 1 << 20;

export class ResponseStream {
  readonly errors: RowError[] = [];
  rows = 0;
  valid = 0;
  /** The valid rows per questionnaire version id. */
  readonly versions = new Map<string, number>();
  fileError: string | null = null;
  /** Per chunk number: the file line before its first line. */
  private offsets: number[] = [];
  /** With `direct`: each valid row's file line, in COPY order (`count` of them). */
  lines = new Int32Array(0);
  count = 0;
  /** With `direct`: the rejected rows with a valid survey and respondent_ref, file lines. */
  readonly keys: ResponseChunkResult["keys"] = [];

  constructor(
    private readonly runner: ResponseChunkRunner = inThread(parseResponseChunk),
    private readonly onProgress?: (rows: number) => void,
    /** A first import's rows, straight into SurveyRespondent (response-chunk.ts `direct`); null: staging rows. */
    private readonly direct: { importId: string } | null = null,
    /** Chunk size (tests cut small files into many). */
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  /** The surveys of the valid rows. */
  get surveys(): Set<string> {
    return new Set([...this.versions.keys()].map((version) => getQuestionnaireVersion(version)!.survey));
  }

  /** The file line of a staging row's (chunk, line). */
  lineOf(chunk: number, line: number): number {
    return this.offsets[chunk] + line;
  }

  /** The staging COPY text of the file's rows (rejected rows' keys among them), in file order. */
  async *copyText(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
    const runner = this.runner;
    const chunker = new FrameChunker(this.chunkBytes, this.chunkBytes + MAX_RECORD_BYTES);
    let header: ResponsesHeader | null = null;
    let line = 1; // of the next chunk's first byte
    let seq = 0;
    let carry: Uint8Array | null = null;
    let sawHeader = false;
    const queue: { bytes: Uint8Array; seq: number; final: boolean; result: Promise<ResponseChunkResult> | null }[] = [];
    const post = (bytes: Uint8Array, final: boolean) => {
      const q = { bytes, seq: seq++, final, result: null as Promise<ResponseChunkResult> | null };
      if (header !== null) q.result = runner.run({ bytes, seq: q.seq, header, final, direct: this.direct });
      queue.push(q);
    };
    const take = async (): Promise<Uint8Array> => {
      const chunk = queue.shift()!;
      let data = chunk.bytes;
      let result: ResponseChunkResult;
      if (carry === null && chunk.result !== null) result = await chunk.result;
      else {
        chunk.result?.catch(() => undefined); // a guess that turned out wrong
        if (carry !== null) data = concat(carry, data);
        if (data.length > this.chunkBytes + MAX_RECORD_BYTES) {
          const e = csvFileError(new CsvSyntaxError(line, "tooLong"))!;
          this.errors.push(e);
          this.fileError = "The file is not valid CSV; nothing was imported";
          return new Uint8Array(0);
        }
        result = await runner.run({ bytes: data, seq: chunk.seq, header, final: chunk.final, direct: this.direct });
      }
      this.offsets[chunk.seq] = line - 1;
      // A syntax error is said again of its line in the file (its message names the line).
      for (const e of result.errors) (e as { line: number }).line += line - 1;
      if (result.syntax) result.errors.push(csvFileError(new CsvSyntaxError(result.syntax.line + line - 1, result.syntax.kind))!);
      this.errors.push(...result.errors);
      if (this.direct !== null) this.noteLines(result, line - 1);
      this.rows += result.rows;
      this.valid += result.valid;
      for (const [version, n] of result.versions) this.versions.set(version, (this.versions.get(version) ?? 0) + n);
      if (result.header) {
        header = result.header;
        sawHeader = true;
        // The chunks read while the header was unknown can now be parsed ahead.
        for (const q of queue) q.result ??= runner.run({ bytes: q.bytes, seq: q.seq, header, final: q.final, direct: this.direct });
      }
      if (result.fileError) {
        this.fileError = result.fileError;
        return new Uint8Array(0);
      }
      carry = !chunk.final && result.used < data.length ? data.subarray(result.used) : null;
      line += result.endLine - 1;
      this.onProgress?.(this.rows);
      return result.copy;
    };

    try {
      for await (const piece of input) {
        const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
        for (const chunk of chunker.push(bytes)) post(chunk, false);
        // Keep `parallelism` chunks in flight; until the header is known, one at a time.
        while (queue.length > 0 && (queue.length > runner.parallelism || queue[0].result === null) && this.fileError === null) {
          const copy = await take();
          if (copy.length > 0) yield copy;
        }
        if (this.fileError !== null) break; // leaving the loop closes the input stream
      }
      if (this.fileError === null) {
        post(chunker.end(), true);
        while (queue.length > 0 && this.fileError === null) {
          const copy = await take();
          if (copy.length > 0) yield copy;
        }
      }
    } finally {
      for (const q of queue) q.result?.catch(() => undefined);
    }
    if (!sawHeader && this.fileError === null) {
      this.fileError = "The file is empty";
      this.errors.push({ line: 1, column: null, message: "The file is empty: expected a header line and rows (interchange.md §2)" });
    }
    this.onProgress?.(this.rows);
  }

  private noteLines(result: ResponseChunkResult, offset: number): void {
    const n = result.lines.length;
    if (this.count + n > this.lines.length) {
      const grown = new Int32Array(Math.max(this.lines.length * 2, this.count + n, 1 << 16));
      grown.set(this.lines.subarray(0, this.count));
      this.lines = grown;
    }
    for (let i = 0; i < n; i++) this.lines[this.count + i] = result.lines[i] + offset;
    this.count += n;
    for (const k of result.keys) this.keys.push({ ...k, line: k.line + offset });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
