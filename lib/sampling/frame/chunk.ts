// One chunk of a frame file, parsed on its own (issue 6): the unit of work the
// import spreads over worker threads (parallel.ts). A chunk is a run of
// bytes that (as far as the caller knows) starts at the start of a record; it
// gives back the chunk's valid rows as COPY text (copy.ts), its errors,
// and where splitting stopped, so the caller can check the next chunk really
// started at a record and re-parse it when it did not (parallel.ts).
//
// Rows are read as parseFrame (parse.ts) reads them, with the same
// splitter and validator, and the same errors in the same words; lines without
// a quote first try the byte fast path (fast.ts). What parseFrame does
// across chunks, this leaves to the caller: duplicate client_refs, the
// line number of the chunk's first line (lines here count from 1), and the
// whole-file checks (empty file, no data rows, UTF-16).

import { CsvRecordSplitter, tooLongMessage, type CsvRecordSink, type OverLimit } from "./record-splitter";
import { hashBytes } from "./first-seen";
import { copyLine, monthKey } from "./copy";
import { ByteWriter } from "../../csv-stream/copy-text";
import * as fast from "./fast";
import type { FastLayout } from "./fast";
import { readFrameHeader, type FrameHeader } from "./header";
import type { FrameError } from "./row";
import { validateFrameRecord, type RowLimits } from "./validate";
import { decodeUtf8, INVALID_UTF8 } from "./utf8";
import * as byteCodes from "../../csv-stream/bytes";
import { ChunkSealer, type DataKey } from "../../privacy/crypto/cipher";

// Imported values as this module's own constants (fast.ts says why: getters where loaded as CommonJS).
const { fastLayout, fastSplit, fastWrite } = fast;
const { CR, LF, QUOTE } = byteCodes;

export interface ChunkOptions {
  maxFieldChars: number;
  maxRecordChars: number;
  /** Order the COPY lines by contact month (see ChunkResult.groups). */
  groupByMonth: boolean;
  /** Give ChunkResult.keyHashes (for the caller's duplicate check). */
  hashKeys: boolean;
  /** The data key the chunk's personal values are sealed with (issue 17: one keystream per chunk, lib/privacy/crypto/cipher.ts). */
  sealKey: DataKey;
}

export interface ChunkInput {
  bytes: Uint8Array;
  /** null until the header has been read (it is then read from this chunk). */
  header: FrameHeader | null;
  /** The chunk starts mid-way through a line being skipped (after a broken record). */
  skipping: boolean;
  /** The chunk continues a record over the limit (record-splitter.ts). */
  over: OverLimit | null;
  /** The end of the file: a last record without a line end is complete. */
  final: boolean;
}

export interface ChunkResult {
  /** COPY text of the valid rows: in file order, or by month with groupByMonth. */
  copy: Uint8Array;
  /** Per valid row, in file order: the line it starts on (relative), its contact month (copy.ts monthKey), where its COPY line is in `copy`. */
  lines: Int32Array;
  months: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  /** With groupByMonth: (month, start, end) triples, each a month's lines in `copy` (in file order). */
  groups: Int32Array | null;
  /** With hashKeys, per valid row: first-seen.ts hashBytes of its service letter and client_ref (for the duplicate check). */
  keyHashes: Int32Array;
  /** Lines relative to the chunk: its first line is 1. */
  errors: FrameError[];
  /** Data rows read (valid and rejected). */
  rows: number;
  valid: number;
  /** The header, when it was read in this chunk. */
  header: FrameHeader | null;
  /** Set when the header could not be read: nothing after it is read. */
  fileError: FrameError | null;
  /** Whether the bytes used held any text other than white space (parseFrame's "the file is empty" test). */
  sawText: boolean;
  /**
   * Bytes used; the rest (not final) is the start of a record that needs more
   * bytes. It starts at a line start (the `endLine`th line of the chunk).
   */
  used: number;
  endLine: number;
  /** The last line used is being skipped; the next bytes continue it. */
  skipping: boolean;
  /** A record over the limit goes on into the next bytes. */
  over: OverLimit | null;
}

export function parseFrameChunk(input: ChunkInput, limits: ChunkOptions): ChunkResult {
  return new ChunkParser(input, limits).run();
}

class ChunkParser implements CsvRecordSink {
  private readonly bytes: Uint8Array;
  private header: FrameHeader | null;
  private readonly headerAtStart: boolean;
  private layout: FastLayout | null = null;
  private readonly rowLimits: RowLimits;
  /** One writer, or with groupByMonth one per month (in order of first use). */
  private readonly writers: ByteWriter[] = [];
  private readonly writerMonths: number[] = [];
  private lastMonth = -1;
  private lastWriter = -1;
  private lines = new Int32Array(1 << 12);
  private months = new Int32Array(1 << 12);
  /** Per row: its writer, and where its line is in that writer. */
  private group = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 12);
  private ends = new Int32Array(1 << 12);
  private valid = 0;
  private rows = 0;
  private readonly errors: FrameError[] = [];
  private fileError: FrameError | null = null;
  private nonBlank = false;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly sealer: ChunkSealer;

  constructor(
    private readonly input: ChunkInput,
    private readonly limits: ChunkOptions,
  ) {
    this.bytes = input.bytes;
    this.sealer = new ChunkSealer(limits.sealKey);
    if (!limits.groupByMonth) {
      // COPY text is about 1.3 times the CSV it comes from on the benchmark frame
      // (the sealed personal values are written in base64).
      this.writers.push(new ByteWriter(input.bytes.length + (input.bytes.length >> 2) + (input.bytes.length >> 3) + 1024));
      this.writerMonths.push(-1);
      this.lastWriter = 0;
    }
    this.header = input.header;
    this.headerAtStart = input.header !== null;
    this.rowLimits = { maxFieldChars: limits.maxFieldChars, checkEncoding: false };
    if (this.header) this.layout = fastLayout(this.header, limits.maxFieldChars, limits.maxRecordChars);
  }

  run(): ChunkResult {
    const bytes = this.bytes;
    const len = bytes.length;
    const { final } = this.input;
    let pos = 0;
    let line = 1;
    let skipping = this.input.skipping;
    let quote = -1; // the next '"' at or after pos (len when none)
    let used = -1;
    let endLine = 1;
    if (skipping) {
      const nl = bytes.indexOf(LF);
      if (nl === -1) return this.result(len, 1, true, null);
      pos = nl + 1;
      line = 2;
      skipping = false;
    }
    // A record over the limit goes on here: the splitter below reads it.
    while (pos < len && this.input.over === null) {
      const layout = this.layout;
      if (layout === null || this.fileError !== null) break; // the header: the splitter below reads it
      let nl = bytes.indexOf(LF, pos);
      if (nl === -1) {
        if (!final) {
          // The start of a record that ends in the next chunk (if too long, the splitter says so).
          if (len - pos <= this.limits.maxRecordChars) {
            used = pos;
            endLine = line;
          }
          break;
        }
        nl = len;
      }
      if (quote < pos) {
        quote = bytes.indexOf(QUOTE, pos);
        if (quote === -1) quote = len;
      }
      if (quote < nl) break; // a quoted value: the splitter below
      const stop = nl > pos && bytes[nl - 1] === CR ? nl - 1 : nl;
      if (stop > pos) {
        const month = fastSplit(bytes, pos, stop, layout);
        const w = month >= 0 ? this.writerFor(month) : -1;
        const start = w >= 0 ? this.writers[w].length : 0;
        if (w >= 0 && fastWrite(bytes, pos, stop, layout, this.writers[w], this.sealer)) {
          this.rows++;
          this.accept(line, month, w, start);
          this.nonBlank = true;
        } else {
          this.slowLine(pos, stop, nl, line);
        }
      }
      pos = nl + 1;
      line++;
    }
    if (used !== -1 || (pos >= len && this.input.over === null)) return this.result(used === -1 ? len : used, used === -1 ? line : endLine, false, null);
    if (this.fileError !== null) return this.result(len, line, false, null);

    // The rest of the chunk through the record splitter, as parseFrame reads it.
    const text = decodeUtf8(bytes.subarray(pos), this.decoder);
    if (text.includes(INVALID_UTF8)) this.rowLimits.checkEncoding = true;
    const splitter = new CsvRecordSplitter(this, this.limits.maxRecordChars, { line, skipping: false, over: this.input.over });
    splitter.push(text);
    if (final) splitter.end();
    const state = splitter.state();
    if (state.waiting === 0) return this.result(len, state.line, state.skipping, state.over);
    // The waiting text starts after the (state.line - line)th line end from pos.
    let at = pos;
    for (let n = state.line - line; n > 0; n--) at = bytes.indexOf(LF, at) + 1;
    return this.result(at, state.line, false, state.over);
  }

  /** A line without quotes that the fast path did not take (it ends at `end`: its LF, or the chunk's end): split and checked as parseFrame does. */
  private slowLine(start: number, stop: number, end: number, line: number): void {
    const text = decodeUtf8(this.bytes.subarray(start, stop), this.decoder);
    this.rowLimits.checkEncoding = text.includes(INVALID_UTF8);
    // The length counts a CR before the LF, as the splitter counts it.
    if (text.length + (end - stop) > this.limits.maxRecordChars) this.problem(line, tooLongMessage(this.limits.maxRecordChars));
    else this.record(text.split(","), line, text.length);
  }

  record(cells: string[], line: number, chars: number): void {
    if (this.fileError !== null) return;
    if (cells.length === 1 && cells[0].trim() === "") return; // a blank line with spaces: ignored like an empty one
    this.nonBlank = true;
    if (this.header === null) {
      const result = readFrameHeader(cells);
      if (result.ok) {
        this.header = result.header;
        this.layout = fastLayout(result.header, this.limits.maxFieldChars, this.limits.maxRecordChars);
      } else {
        this.errors.push(...result.errors);
        this.fileError = result.errors[0];
      }
      return;
    }
    this.rows++;
    const row = validateFrameRecord(cells, this.header, line, chars, this.rowLimits, this.errors);
    if (row === null) return;
    const month = monthKey(row.contactDate);
    const w = this.writerFor(month);
    const start = this.writers[w].length;
    this.writers[w].string(copyLine(row, this.sealer));
    this.accept(line, month, w, start);
  }

  problem(line: number, message: string, lastLine?: number): void {
    if (this.fileError !== null) return;
    this.nonBlank = true;
    if (this.header === null) {
      this.fileError = { line, column: null, message: `the header row cannot be read: ${message}` };
      this.errors.push(this.fileError);
      return;
    }
    this.rows++;
    this.errors.push(lastLine === undefined ? { line, column: null, message } : { line, column: null, message, lastLine });
  }

  /** The writer for a row of `month`. */
  private writerFor(month: number): number {
    if (!this.limits.groupByMonth) return 0;
    if (month === this.lastMonth) return this.lastWriter;
    let w = this.writerMonths.indexOf(month);
    if (w === -1) {
      w = this.writers.length;
      this.writers.push(new ByteWriter(1 << 15));
      this.writerMonths.push(month);
    }
    this.lastMonth = month;
    this.lastWriter = w;
    return w;
  }

  private accept(line: number, month: number, writer: number, start: number): void {
    const i = this.valid;
    if (i === this.lines.length) {
      this.lines = grow(this.lines);
      this.months = grow(this.months);
      this.group = grow(this.group);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
    }
    this.lines[i] = line;
    this.months[i] = month;
    this.group[i] = writer;
    this.starts[i] = start;
    this.ends[i] = this.writers[writer].length;
    this.valid++;
  }

  private result(used: number, endLine: number, skipping: boolean, over: OverLimit | null): ChunkResult {
    const sawText = this.nonBlank || this.decoder.decode(this.bytes.subarray(0, used)).trim() !== "";
    const n = this.valid;
    const starts = this.starts.slice(0, n);
    const ends = this.ends.slice(0, n);
    let copy: Uint8Array;
    let groups: Int32Array | null = null;
    if (!this.limits.groupByMonth) {
      copy = this.writers[0].buf.subarray(0, this.writers[0].length).slice();
    } else {
      // The months' lines one after another; each row's place moves by its month's offset.
      const offsets = new Int32Array(this.writers.length);
      groups = new Int32Array(this.writers.length * 3);
      let total = 0;
      this.writers.forEach((w, g) => {
        offsets[g] = total;
        groups![g * 3] = this.writerMonths[g];
        groups![g * 3 + 1] = total;
        total += w.length;
        groups![g * 3 + 2] = total;
      });
      copy = new Uint8Array(total);
      this.writers.forEach((w, g) => copy.set(w.buf.subarray(0, w.length), offsets[g]));
      for (let i = 0; i < n; i++) {
        starts[i] += offsets[this.group[i]];
        ends[i] += offsets[this.group[i]];
      }
    }
    const keyHashes = new Int32Array(this.limits.hashKeys ? n : 0);
    for (let i = 0; i < keyHashes.length; i++) {
      const at = starts[i];
      const refStart = at + (copy[at] === 67 ? 4 : 8); // "CMS\t" or "OPTIONS\t"
      let refEnd = refStart;
      while (copy[refEnd] !== 9) refEnd++;
      keyHashes[i] = hashBytes(copy[at], copy, refStart, refEnd);
    }
    return {
      copy,
      keyHashes,
      lines: this.lines.slice(0, n),
      months: this.months.slice(0, n),
      starts,
      ends,
      groups,
      errors: this.errors,
      rows: this.rows,
      valid: this.valid,
      header: this.headerAtStart ? null : this.header,
      fileError: this.fileError,
      sawText,
      used,
      endLine,
      skipping,
      over,
    };
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
