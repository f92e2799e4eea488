// PostgreSQL's binary COPY format read straight into typed columns: no row
// objects, no string per cell. Text cells become small codes into the column's
// distinct values (found by hashing the bytes); int4 and float8 cells are read
// as numbers. Pure (Buffers in, arrays out); db/respondent-store.ts feeds it.
import type { RawColumn } from "./respondent-columns";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

class GrowInt32 {
  a: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.n === this.a.length ? this.a : this.a.slice(0, this.n);
  }
}

class GrowFloat64 {
  a: Float64Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Float64Array {
    return this.n === this.a.length ? this.a : this.a.slice(0, this.n);
  }
}

/** A column's distinct byte strings -> codes, without making a string per cell. */
class ByteDictionary {
  /** Open addressing: slot -> code + 1 (0: empty); a column has few distinct values. */
  private slots = new Int32Array(64);
  private hashes: number[] = [];
  private readonly bytes: Buffer[] = [];
  code(buf: Buffer, start: number, end: number): number {
    // A cheap hash: the length and the first and last four bytes (codes and
    // answers differ there); equal hashes are told apart by their bytes.
    const len = end - start;
    let h = Math.imul(len, 0x9e3779b1);
    if (len >= 4) {
      h ^= buf[start] | (buf[start + 1] << 8) | (buf[start + 2] << 16) | (buf[start + 3] << 24);
      h = Math.imul(h, 0x85ebca6b);
      h ^= buf[end - 4] | (buf[end - 3] << 8) | (buf[end - 2] << 16) | (buf[end - 1] << 24);
    } else for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h ^= h >>> 15;
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const c = slots[i] - 1;
      if (c < 0) break;
      if (this.hashes[c] === h && sameBytes(this.bytes[c], buf, start, end)) return c;
    }
    const code = this.bytes.length;
    this.bytes.push(Buffer.from(buf.subarray(start, end)));
    this.hashes.push(h);
    if (this.bytes.length * 2 > slots.length) this.rehash(slots.length * 2);
    else this.place(code);
    return code;
  }
  private place(code: number): void {
    const mask = this.slots.length - 1;
    let i = this.hashes[code] & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = code + 1;
  }
  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let c = 0; c < this.bytes.length; c++) this.place(c);
  }
  texts(): string[] {
    return this.bytes.map((b) => b.toString("utf8"));
  }
}

function sameBytes(a: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}

/** How a selected column is read: `int4`, `int8` (as a double: ids), `float8`, `text` (codes), or `json` (codes; values JSON.parse'd). */
export type CopyColumnKind = "int4" | "int8" | "float8" | "text" | "json";

type Sink = { kind: "int4"; out: GrowInt32 } | { kind: "float8" | "int8"; out: GrowFloat64 } | { kind: "text" | "json"; out: GrowInt32; dict: ByteDictionary };

/**
 * Reads `COPY (SELECT ...) TO STDOUT (FORMAT binary)` chunk by chunk (tuples may
 * straddle chunks) into one column per selected expression.
 */
export class BinaryCopyColumns {
  private readonly sinks: Sink[];
  private pending: Buffer | null = null;
  private headerRead = false;
  private finished = false;
  rows = 0;

  /** `expectedRows`: the rows the stream should hold, when known (the columns are then allocated once). */
  constructor(kinds: readonly CopyColumnKind[], expectedRows?: number) {
    const capacity = Math.max(expectedRows ?? 1024, 1);
    this.sinks = kinds.map((kind) =>
      kind === "int4"
        ? { kind, out: new GrowInt32(capacity) }
        : kind === "float8" || kind === "int8"
          ? { kind, out: new GrowFloat64(capacity) }
          : { kind, out: new GrowInt32(capacity), dict: new ByteDictionary() },
    );
  }

  write(chunk: Buffer): void {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    if (!this.headerRead) {
      if (buf.length < 19) {
        this.pending = buf;
        return;
      }
      if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new Error("Not a binary COPY stream");
      const extension = buf.readInt32BE(15);
      if (buf.length < 19 + extension) {
        this.pending = buf;
        return;
      }
      pos = 19 + extension;
      this.headerRead = true;
    }
    const sinks = this.sinks;
    const fields = sinks.length;
    const len = buf.length;
    for (;;) {
      if (this.finished || pos + 2 > len) break;
      const count = (buf[pos] << 8) | buf[pos + 1];
      if (count === 0xffff) {
        this.finished = true;
        pos += 2;
        break;
      }
      if (count !== fields) throw new Error(`COPY tuple has ${count} fields, expected ${fields}`);
      // Fields are read as they come; a tuple cut by the chunk's end is taken
      // back out of the columns and read again with the next chunk.
      let p = pos + 2;
      let f = 0;
      for (; f < fields; f++) {
        if (p + 4 > len) break;
        const l = (buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3];
        p += 4;
        if (l > 0 && p + l > len) break;
        const s = sinks[f];
        if (s.kind === "int4") s.out.push(l < 0 ? 0 : (buf[p] << 24) | (buf[p + 1] << 16) | (buf[p + 2] << 8) | buf[p + 3]);
        else if (s.kind === "float8") s.out.push(l < 0 ? NaN : buf.readDoubleBE(p));
        else if (s.kind === "int8") s.out.push(l < 0 ? NaN : buf.readInt32BE(p) * 4294967296 + buf.readUInt32BE(p + 4));
        else if (s.kind === "text" || s.kind === "json") s.out.push(l < 0 ? -1 : s.dict.code(buf, p, p + l));
        if (l > 0) p += l;
      }
      if (f < fields) {
        for (let g = 0; g < f; g++) sinks[g].out.n--;
        break;
      }
      pos = p;
      this.rows++;
    }
    this.pending = pos < len ? buf.subarray(pos) : null;
    if (this.pending && this.pending.length > 0 && buf === chunk) this.pending = Buffer.from(this.pending); // do not pin the stream's buffer
  }

  /** The columns, once the stream has ended. */
  columns(): { int4: (i: number) => Int32Array; column: (i: number) => RawColumn } {
    if (!this.finished) throw new Error("The binary COPY stream ended early");
    return {
      int4: (i) => {
        const s = this.sinks[i];
        if (s.kind !== "int4") throw new Error(`column ${i} is not int4`);
        return s.out.done();
      },
      column: (i) => {
        const s = this.sinks[i];
        if (s.kind === "float8" || s.kind === "int8") return { kind: "numbers", values: s.out.done() };
        if (s.kind === "int4") return { kind: "numbers", values: Float64Array.from(s.out.done()) };
        if (s.kind !== "text" && s.kind !== "json") throw new Error(`column ${i} is not text`);
        const texts = s.dict.texts();
        return { kind: "values", values: s.kind === "json" ? texts.map((t) => JSON.parse(t) as unknown) : texts, codes: s.out.done() };
      },
    };
  }
}
