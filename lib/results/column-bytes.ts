// A respondent store column (respondent-columns.ts RawColumn) as bytes and back,
// for the persisted store (db/persisted-columns.ts). Numbers are float64; codes
// are int8, int16 or int32, the narrowest that holds the column's distinct values
// (a question's codes of 1M respondents are 1 MB); the distinct values travel as
// JSON beside them. Bytes are in the machine's order (little-endian on every
// machine this runs on); a reader checks the length against the respondents.
// Pure (typed arrays in, Buffers out).
import type { RawColumn } from "./respondent-columns";

export interface ColumnBytes {
  /** A coded column's distinct values (JSON), null for numbers. */
  readonly values: string | null;
  readonly data: Buffer;
}

const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export function encodeColumn(col: RawColumn): ColumnBytes {
  if (col.kind === "numbers") return { values: null, data: bytesOf(col.values) };
  const k = col.values.length;
  const codes = k <= 127 ? Int8Array.from(col.codes) : k <= 32_767 ? Int16Array.from(col.codes) : col.codes;
  return { values: JSON.stringify(col.values), data: bytesOf(codes) };
}

/** Copies the bytes into an aligned array of `n` elements of `bytesPer` bytes. */
function aligned<T extends ArrayBufferView>(data: Buffer, n: number, bytesPer: number, make: (n: number) => T, what: string): T {
  if (data.length !== n * bytesPer) throw new Error(`Stored column ${what} holds ${data.length} bytes, not ${n} x ${bytesPer}`);
  const out = make(n);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(data);
  return out;
}

export function decodeColumn(bytes: ColumnBytes, n: number, what: string): RawColumn {
  const { values, data } = bytes;
  if (values === null) return { kind: "numbers", values: aligned(data, n, 8, (m) => new Float64Array(m), what) };
  const distinct = JSON.parse(values) as unknown[];
  const width = distinct.length <= 127 ? 1 : distinct.length <= 32_767 ? 2 : 4;
  const narrow =
    width === 1
      ? aligned(data, n, 1, (m) => new Int8Array(m), what)
      : width === 2
        ? aligned(data, n, 2, (m) => new Int16Array(m), what)
        : aligned(data, n, 4, (m) => new Int32Array(m), what);
  if (narrow instanceof Int32Array) return { kind: "values", values: distinct, codes: narrow };
  const codes = new Int32Array(n);
  codes.set(narrow); // widened natively, sign kept (-1: no value)
  return { kind: "values", values: distinct, codes };
}

export function encodeInt32(a: Int32Array): Buffer {
  return bytesOf(a);
}

export function decodeInt32(data: Buffer, n: number, what: string): Int32Array {
  return aligned(data, n, 4, (m) => new Int32Array(m), what);
}

export function encodeFloat64(a: Float64Array): Buffer {
  return bytesOf(a);
}

export function decodeFloat64(data: Buffer, n: number, what: string): Float64Array {
  return aligned(data, n, 8, (m) => new Float64Array(m), what);
}
