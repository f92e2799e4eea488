// COPY lines grouped by contact month, for loading a first frame (issue 6;
// lib/sampling/db/frame-import/import-frame.ts). The sample draw reads one month, so a frame
// whose pages each hold one month's clients gives a month in a twelfth of its
// pages. Sorting in PostgreSQL (INSERT ... SELECT ... ORDER BY from a staging
// table) costs a second pass over every row, row by row. The import takes each
// month's lines out as a block once it holds 1 MB (takeFull) and copies it while
// the parse goes on; spilling to a file per month and reading the months back in
// order (read) is the other use. Memory holds at most `spillBytes` of lines.

import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LF, TAB } from "../../csv-stream/bytes";

/** One month's COPY lines taken out of the buckets, with each row's file line. */
export interface MonthBlock {
  month: number;
  copy: Buffer;
  lines: Int32Array;
}

export class MonthBuckets {
  private readonly pending = new Map<number, Uint8Array[]>();
  /** Per month, the file line of each of its rows, in the order added (when given). */
  private readonly lineLists = new Map<number, { lines: Int32Array; n: number }>();
  private readonly onDisk = new Set<number>();
  private pendingBytes = 0;
  /** Per month, rows already taken out by takeFull/takeRest. */
  private readonly takenRows = new Map<number, number>();
  private dir: string | null = null;
  rows = 0;

  constructor(private readonly spillBytes = 16 << 20) {}

  /** Adds COPY lines: a month's run of whole lines. */
  add(month: number, lines: Uint8Array): void {
    if (lines.length === 0) return;
    let list = this.pending.get(month);
    if (!list) this.pending.set(month, (list = []));
    // A copy: `lines` is usually a view of a whole parsed batch, which a view
    // held here would keep alive (a month with a few rows per batch would hold
    // every batch until the end).
    list.push(lines.slice());
    this.pendingBytes += lines.length;
    if (this.pendingBytes > this.spillBytes) this.spill();
  }

  /** Notes the file line of the month's next row (rows in the order added). */
  addLine(month: number, line: number): void {
    let list = this.lineLists.get(month);
    if (!list) this.lineLists.set(month, (list = { lines: new Int32Array(1024), n: 0 }));
    if (list.n === list.lines.length) {
      const lines = new Int32Array(list.n * 2);
      lines.set(list.lines);
      list.lines = lines;
    }
    list.lines[list.n++] = line;
  }

  /** The rows' file lines in read() order (as addLine gave them). */
  lines(): Int32Array {
    const months = this.months();
    let total = 0;
    for (const m of months) total += this.lineLists.get(m)?.n ?? 0;
    const out = new Int32Array(total);
    let at = 0;
    for (const m of months) {
      const list = this.lineLists.get(m);
      if (!list) continue;
      out.set(list.lines.subarray(0, list.n), at);
      at += list.n;
    }
    return out;
  }

  /** The months that have lines, in order. */
  months(): number[] {
    return [...new Set([...this.pending.keys(), ...this.onDisk])].sort((a, b) => a - b);
  }

  /** All lines, month by month (each month in the order added), in pieces. */
  async *read(pieceBytes = 1 << 20): AsyncGenerator<Uint8Array> {
    for (const month of this.months()) {
      if (this.onDisk.has(month)) {
        for await (const piece of createReadStream(this.file(month), { highWaterMark: pieceBytes })) yield piece as Buffer;
      }
      for (const lines of this.pending.get(month) ?? []) yield lines;
    }
  }

  /** Bytes of lines held in memory. */
  get heldBytes(): number {
    return this.pendingBytes;
  }

  /**
   * Takes out every month whose lines held in memory reach `minBytes`, as one
   * block each, with the file lines of its rows (in the order added). For
   * buckets that never spill (spillBytes Infinity): a first import copies
   * blocks while the file is still being read, so each page of the frame holds
   * one month's clients (the draw reads one month) without waiting for the end.
   */
  *takeFull(minBytes: number): Generator<MonthBlock> {
    for (const [month, list] of this.pending) {
      let bytes = 0;
      for (const lines of list) bytes += lines.length;
      if (bytes >= minBytes) yield this.take(month, list, bytes);
    }
  }

  /** Takes out everything left in memory, month by month. */
  *takeRest(): Generator<MonthBlock> {
    for (const month of [...this.pending.keys()].sort((a, b) => a - b)) {
      const list = this.pending.get(month)!;
      let bytes = 0;
      for (const lines of list) bytes += lines.length;
      yield this.take(month, list, bytes);
    }
  }

  private take(month: number, list: Uint8Array[], bytes: number): MonthBlock {
    if (this.onDisk.has(month)) throw new Error("takeFull/takeRest are for buckets that never spill");
    const copy = list.length === 1 ? Buffer.from(list[0].buffer, list[0].byteOffset, list[0].byteLength) : Buffer.concat(list, bytes);
    let rows = 0;
    for (let at = copy.indexOf(LF); at !== -1; at = copy.indexOf(LF, at + 1)) rows++;
    const lineList = this.lineLists.get(month);
    const from = this.takenRows.get(month) ?? 0;
    const lines = lineList ? lineList.lines.slice(from, from + rows) : new Int32Array(0);
    if (lines.length !== rows) throw new Error(`month ${month}: ${rows} COPY lines but ${lines.length} file lines noted`);
    this.takenRows.set(month, from + rows);
    this.pending.delete(month);
    this.pendingBytes -= bytes;
    return { month, copy, lines };
  }

  /** Removes the files. */
  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.pending.clear();
    this.onDisk.clear();
    this.lineLists.clear();
    this.pendingBytes = 0;
  }

  private spill(): void {
    this.dir ??= mkdtempSync(path.join(os.tmpdir(), "fieldwork-frame-"));
    for (const [month, list] of this.pending) {
      const fd = openSync(this.file(month), "a");
      try {
        for (const lines of list) {
          for (let at = 0; at < lines.length;) at += writeSync(fd, lines, at);
        }
      } finally {
        closeSync(fd);
      }
      this.onDisk.add(month);
    }
    this.pending.clear();
    this.pendingBytes = 0;
  }

  private file(month: number): string {
    return path.join(this.dir!, `${month}.copy`);
  }
}

/**
 * COPY lines with an id put in front of each: `first`, first + 1, ... in the
 * order the lines come, or numbers[0], numbers[1], ... when given. Lines may be
 * split across pieces.
 */
export async function* withIds(pieces: AsyncIterable<Uint8Array>, first: number, numbers?: Int32Array): AsyncGenerator<Buffer> {
  let row = 0;
  let id = first;
  let carry: Uint8Array | null = null;
  const digits = new Uint8Array(20);
  for await (const input of pieces) {
    let piece = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (carry !== null) {
      piece = Buffer.concat([carry, piece]);
      carry = null;
    }
    // Each line gains at most 17 bytes (an id below 2^53, a tab); lines are at least 34 bytes.
    const out = Buffer.allocUnsafe(piece.length + (piece.length >> 1) + 64);
    let w = 0;
    let at = 0;
    for (;;) {
      const end = piece.indexOf(LF, at);
      if (end === -1) break;
      let n = 0;
      for (let v = numbers ? numbers[row++] : id; ; v = Math.floor(v / 10)) {
        digits[n++] = 48 + (v % 10);
        if (v < 10) break;
      }
      while (n > 0) out[w++] = digits[--n];
      out[w++] = TAB;
      out.set(piece.subarray(at, end + 1), w);
      w += end + 1 - at;
      at = end + 1;
      id++;
    }
    if (at < piece.length) carry = piece.slice(at);
    if (w > 0) yield out.subarray(0, w);
  }
  if (carry !== null) throw new Error("COPY text ended in the middle of a line");
}
