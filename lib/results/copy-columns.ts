// PostgreSQL's binary COPY format read straight into typed columns: no row
// objects, no string per cell. Text cells become small codes into the column's
// distinct values (found by hashing the bytes); int4 and float8 cells are read
// as numbers. Pure (Buffers in, arrays out); db/respondent-store.ts feeds it.
import type { RawColumn } from "./respondent-columns";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

class GrowInt32 {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

class GrowFloat64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Float64Array {
    return this.a.slice(0, this.n);
  }
}

/** A column's distinct byte strings -> codes, without making a string per cell. */
class ByteDictionary {
  /** Hash -> the first code with it; further codes with the same hash in `more`. */
  private readonly byHash = new Map<number, number>();
  private readonly more = new Map<number, number[]>();
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
    const first = this.byHash.get(h);
    if (first !== undefined) {
      if (sameBytes(this.bytes[first], buf, start, end)) return first;
      const list = this.more.get(h);
      if (list) for (const code of list) if (sameBytes(this.bytes[code], buf, start, end)) return code;
    }
    const code = this.bytes.length;
    this.bytes.push(Buffer.from(buf.subarray(start, end)));
    if (first === undefined) this.byHash.set(h, code);
    else {
      const list = this.more.get(h);
      if (list) list.push(code);
      else this.more.set(h, [code]);
    }
    return code;
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

  constructor(kinds: readonly CopyColumnKind[]) {
    this.sinks = kinds.map((kind) =>
      kind === "int4"
        ? { kind, out: new GrowInt32() }
        : kind === "float8" || kind === "int8"
          ? { kind, out: new GrowFloat64() }
          : { kind, out: new GrowInt32(), dict: new ByteDictionary() },
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
        const l = buf.readInt32BE(p);
        p += 4;
        if (l > 0 && p + l > len) break;
        const s = sinks[f];
        if (s.kind === "int4") s.out.push(l < 0 ? 0 : buf.readInt32BE(p));
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
