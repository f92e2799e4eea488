import { describe, expect, it } from "vitest";
import { decodeColumn, decodeFloat64, decodeInt32, encodeColumn, encodeFloat64, encodeInt32 } from "./column-bytes";
import type { RawColumn } from "./respondent-columns";

/** A coded column of n rows over k distinct values, every fifth row without a value. */
function coded(n: number, k: number): RawColumn {
  const values = Array.from({ length: k }, (_, i) => (i % 3 === 0 ? i : i % 3 === 1 ? `V${i}` : null));
  return { kind: "values", values, codes: Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -1 : (i * 7919) % k)) };
}

describe("a store column as bytes and back", () => {
  it("keeps codes (no value: -1) and distinct values, in the narrowest width that holds them", () => {
    for (const [k, width] of [
      [3, 1],
      [127, 1],
      [128, 2],
      [32_767, 2],
      [32_768, 4],
    ] as const) {
      const col = coded(40_000, k);
      const bytes = encodeColumn(col);
      expect(bytes.data.length, `${k} values`).toBe(40_000 * width);
      expect(decodeColumn(bytes, 40_000, "test")).toEqual(col);
    }
  });

  it("keeps numbers, NaN (no value) among them, and ids and days from unaligned bytes", () => {
    const col: RawColumn = { kind: "numbers", values: Float64Array.from([1.5, NaN, -0.25, 1e300, 12.5]) };
    expect(decodeColumn(encodeColumn(col), 5, "test")).toEqual(col);
    const ids = Float64Array.from([1, 2, 2 ** 52, 7]);
    const days = Int32Array.from([-5, 0, 19_000, 2 ** 30]);
    const shifted = (b: Buffer) => Buffer.concat([Buffer.from([0]), b]).subarray(1);
    expect(decodeFloat64(shifted(encodeFloat64(ids)), 4, "id")).toEqual(ids);
    expect(decodeInt32(shifted(encodeInt32(days)), 4, "day")).toEqual(days);
  });

  it("refuses bytes that do not match the respondents", () => {
    expect(() => decodeColumn(encodeColumn(coded(10, 3)), 11, "CES CES_SAT")).toThrow(/CES CES_SAT holds 10 bytes, not 11 x 1/);
  });
});
