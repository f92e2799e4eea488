import { describe, expect, it } from "vitest";
import { BinaryCopyColumns } from "./copy-columns";

/** A binary COPY stream (PostgreSQL's format) of int8, int4, text, json and float8 columns. */
function stream(rows: [number, number | null, string | null, string | null, number | null][]): Buffer {
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)];
  const field = (b: Buffer | null) => {
    const len = Buffer.alloc(4);
    len.writeInt32BE(b === null ? -1 : b.length);
    parts.push(len, ...(b ? [b] : []));
  };
  for (const [id, day, text, json, x] of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(5);
    parts.push(count);
    const i8 = Buffer.alloc(8);
    i8.writeBigInt64BE(BigInt(id));
    field(i8);
    const i4 = Buffer.alloc(4);
    i4.writeInt32BE(day ?? 0);
    field(day === null ? null : i4);
    field(text === null ? null : Buffer.from(text, "utf8"));
    field(json === null ? null : Buffer.from(json, "utf8"));
    const f8 = Buffer.alloc(8);
    f8.writeDoubleBE(x ?? 0);
    field(x === null ? null : f8);
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

// Values that share their length and their first and last four bytes (one hash), and some that do not.
const ROWS: [number, number | null, string | null, string | null, number | null][] = [
  [1, 19_000, "ABCD-one-WXYZ", '"SATISFIED"', 1.5],
  [2, 19_031, "ABCD-two-WXYZ", '"DISSATISFIED"', null],
  [3_000_000_001, null, null, "7", -2],
  [4, 19_000, "ABCD-one-WXYZ", null, 0],
  [5, 19_061, "é", '"SATISFIED"', 3],
  [6, 19_061, "ABCD-six-WXYZ", "null", 4.25],
  [7, 19_000, "ab", '"DISSATISFIED"', 1e-300],
];

describe("reading binary COPY into columns", () => {
  it("gives every cell, whatever the chunks the stream arrives in (tuples cut anywhere, values sharing a hash told apart)", () => {
    const bytes = stream(ROWS);
    for (const size of [1, 2, 3, 5, 7, 13, 64, bytes.length]) {
      const reader = new BinaryCopyColumns(["int8", "int4", "text", "json", "float8"]);
      for (let p = 0; p < bytes.length; p += size) reader.write(bytes.subarray(p, p + size));
      expect(reader.rows, `chunks of ${size}`).toBe(ROWS.length);
      const out = reader.columns();
      const ids = out.column(0);
      expect(ids.kind === "numbers" && [...ids.values]).toEqual(ROWS.map((r) => r[0]));
      expect([...out.int4(1)]).toEqual(ROWS.map((r) => r[1] ?? 0));
      const text = out.column(2);
      expect(text.kind === "values" && [...text.codes].map((c) => (c < 0 ? null : text.values[c]))).toEqual(ROWS.map((r) => r[2]));
      expect(text.kind === "values" && text.values).toEqual(["ABCD-one-WXYZ", "ABCD-two-WXYZ", "é", "ABCD-six-WXYZ", "ab"]); // in order of first appearance
      const json = out.column(3);
      expect(json.kind === "values" && [...json.codes].map((c) => (c < 0 ? undefined : json.values[c]))).toEqual(
        ROWS.map((r) => (r[3] === null ? undefined : JSON.parse(r[3]))),
      );
      const x = out.column(4);
      expect(x.kind === "numbers" && [...x.values]).toEqual(ROWS.map((r) => (r[4] === null ? NaN : r[4])));
    }
  });

  it("gives the same columns whatever row count it was told to expect (exact, too few, too many)", () => {
    const bytes = stream(ROWS);
    const read = (expected?: number) => {
      const reader = new BinaryCopyColumns(["int8", "int4", "text", "json", "float8"], expected);
      for (let p = 0; p < bytes.length; p += 5) reader.write(bytes.subarray(p, p + 5));
      const out = reader.columns();
      return [out.column(0), out.int4(1), out.column(2), out.column(3), out.column(4)];
    };
    const plain = read();
    for (const expected of [ROWS.length, 1, 3, 1000]) {
      const got = read(expected);
      expect(got, `expected ${expected}`).toEqual(plain);
      expect((got[1] as Int32Array).length).toBe(ROWS.length);
    }
  });

  it("codes many distinct values (the dictionary grows) in order of first appearance", () => {
    const values = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `ABCD-${i}-WXYZ` : `v${i}`));
    const rows: [number, number | null, string | null, string | null, number | null][] = [...values, ...values.slice().reverse()].map((v, i) => [
      i,
      i,
      v,
      null,
      null,
    ]);
    const reader = new BinaryCopyColumns(["int8", "int4", "text", "json", "float8"], rows.length);
    reader.write(stream(rows));
    const text = reader.columns().column(2);
    expect(text.kind === "values" && text.values).toEqual(values);
    expect(text.kind === "values" && [...text.codes].map((c) => text.values[c])).toEqual(rows.map((r) => r[2]));
  });

  it("refuses a stream that ends before its trailer", () => {
    const bytes = stream(ROWS);
    const reader = new BinaryCopyColumns(["int8", "int4", "text", "json", "float8"]);
    reader.write(bytes.subarray(0, bytes.length - 2));
    expect(() => reader.columns()).toThrow("ended early");
  });
});
