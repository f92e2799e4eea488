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
