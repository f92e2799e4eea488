import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MonthBuckets, withIds } from "./month-buckets";

const text = async (pieces: AsyncIterable<Uint8Array>) => {
  const out: Buffer[] = [];
  for await (const p of pieces) out.push(Buffer.from(p));
  return Buffer.concat(out).toString();
};

describe("MonthBuckets", () => {
  it("gives the lines back month by month, each month in the order added, in memory or spilled to files", async () => {
    for (const spill of [1 << 20, 10]) {
      const buckets = new MonthBuckets(spill);
      buckets.add(24_182, Buffer.from("march a\n"));
      buckets.add(24_180, Buffer.from("january a\n"));
      buckets.add(24_182, Buffer.from("march b\nmarch c\n"));
      buckets.add(24_181, Buffer.from(""));
      buckets.add(24_180, Buffer.from("january b\n"));
      expect(buckets.months()).toEqual([24_180, 24_182]);
      expect(await text(buckets.read(4))).toBe("january a\njanuary b\nmarch a\nmarch b\nmarch c\n");
      buckets.dispose();
    }
  });

  it("takes out months as their blocks fill, then the rest in month order, each row with its file line", () => {
    const buckets = new MonthBuckets(Infinity);
    const add = (month: number, text: string, lines: number[]) => {
      for (const l of lines) buckets.addLine(month, l);
      buckets.add(month, Buffer.from(text));
    };
    add(3, "march a\n", [2]);
    add(1, "january a\njanuary b\n", [3, 4]);
    add(3, "march b\n", [5]);
    // March holds 16 bytes, January 20: a 17-byte block takes January only.
    const full = [...buckets.takeFull(17)];
    expect(full.map((b) => [b.month, b.copy.toString(), [...b.lines]])).toEqual([[1, "january a\njanuary b\n", [3, 4]]]);
    add(1, "january c\n", [6]);
    const rest = [...buckets.takeRest()];
    expect(rest.map((b) => [b.month, b.copy.toString(), [...b.lines]])).toEqual([
      [1, "january c\n", [6]],
      [3, "march a\nmarch b\n", [2, 5]],
    ]);
    expect([...buckets.takeRest()]).toEqual([]);
  });

  it("removes its files", async () => {
    const buckets = new MonthBuckets(1);
    buckets.add(1, Buffer.from("x\n"));
    const dir = (buckets as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    buckets.dispose();
    expect(existsSync(dir)).toBe(false);
  });
});

describe("withIds", () => {
  it("numbers the lines from `first`, lines cut across pieces included", async () => {
    async function* pieces() {
      yield Buffer.from("CMS\tA\n");
      yield Buffer.from("OPT");
      yield Buffer.from("IONS\tB\nCMS\t");
      yield new Uint8Array(Buffer.from("C\n"));
    }
    expect(await text(withIds(pieces(), 9_999))).toBe("9999\tCMS\tA\n10000\tOPTIONS\tB\n10001\tCMS\tC\n");
  });

  it("writes ids up to 2^53", async () => {
    async function* one() {
      yield Buffer.from("x\ny\n");
    }
    expect(await text(withIds(one(), 2 ** 53 - 2))).toBe(`${2 ** 53 - 2}\tx\n${2 ** 53 - 1}\ty\n`);
  });

  it("refuses text that ends mid-line", async () => {
    async function* broken() {
      yield Buffer.from("x\ny");
    }
    await expect(text(withIds(broken(), 1))).rejects.toThrow(/middle of a line/);
  });
});
