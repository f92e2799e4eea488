import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthKey } from "./copy";
import { openCopyText, plainCopyLine, TEST_SEAL_KEY } from "./test-seal";
import { parseFrameToCopy, type CopyBatch, type CopyParseOptions } from "./parallel";
import { readFrame, type FrameParseOptions } from "./parse";
import type { FrameError } from "./row";
import { generateFrameLines } from "./generate";
import { troubledFrame } from "./corpus";
import { startChunkWorkers, type ChunkWorkers } from "./workers";

// parseFrameToCopy must give what parseFrame (the reference: splitter,
// validator, duplicates, line numbers) gives, as COPY text: the same rows, the
// same errors in the same order, the same summary, however the file is cut
// into pieces and chunks, on this thread or on workers.

/** The data cut into pieces of the given sizes, cycled. */
function pieces(data: Buffer, sizes: number[]): Readable {
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < data.length; k++) {
    const size = sizes[k % sizes.length];
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return Readable.from(out);
}

const LIMITS = { maxRecordChars: 2_000, maxFieldChars: 1_000 } satisfies FrameParseOptions;

async function reference(data: Buffer) {
  const { rows, errors, summary } = await readFrame(pieces(data, [65_536]), LIMITS);
  return { copy: rows.map(plainCopyLine).join(""), months: rows.map((r) => monthKey(r.contactDate)), errors, summary };
}

async function viaCopy(data: Buffer, sizes: number[], options: Omit<CopyParseOptions, "sealKey">) {
  const batches: CopyBatch[] = [];
  const parse = parseFrameToCopy(pieces(data, sizes), { ...LIMITS, ...options, sealKey: TEST_SEAL_KEY });
  let step = await parse.next();
  for (; !step.done; step = await parse.next()) batches.push(step.value);
  const errors: FrameError[] = batches.flatMap((b) => b.errors);
  // Lines in file order, whether or not the batch grouped them by month.
  const lines = batches.flatMap((b) =>
    Array.from(b.starts, (s, i) => [b.months[i], openCopyText(Buffer.from(b.copy.subarray(s, b.ends[i])).toString())] as const),
  );
  return { copy: lines.map(([, l]) => l).join(""), months: lines.map(([m]) => m), errors, summary: step.value, batches };
}

describe("parseFrameToCopy gives what parseFrame gives", () => {
  const cases = [
    { name: "plain generated frame", data: () => Buffer.from([...generateFrameLines({ rows: 3_000, seed: 5 })].join("")) },
    { name: "frame with bad rows, quotes and odd bytes", data: () => troubledFrame(3_000, 11) },
    { name: "with a BOM and a quote never closed", data: () => troubledFrame(1_500, 12, { bom: true, unclosed: true }) },
  ];
  for (const { name, data } of cases) {
    it(`${name}: the same rows, errors and summary, in any chunking`, async () => {
      const file = data();
      const expected = await reference(file);
      expect(expected.summary.rows).toBeGreaterThan(1000);
      for (const [sizes, chunkBytes] of [
        [[65_536], 1 << 20],
        [[7, 300, 4096], 512],
        [[1000, 3], 4096],
        [[99_999], 10_000],
      ] as [number[], number][]) {
        const got = await viaCopy(file, sizes, { chunkBytes });
        expect(got.summary).toEqual(expected.summary);
        expect(got.errors).toEqual(expected.errors);
        expect(got.copy).toBe(expected.copy);
        expect(got.months).toEqual(expected.months);
      }
    }, 30_000); // four parses of a troubled frame: ~2 s alone, more on a shared machine
  }

  it("groups each batch's lines by month when asked, keeping file order within a month", async () => {
    const file = troubledFrame(2_000, 13);
    const expected = await reference(file);
    const got = await viaCopy(file, [4096], { chunkBytes: 8192, groupByMonth: true });
    expect(got.copy).toBe(expected.copy);
    expect(got.batches.some((b) => b.groups !== null)).toBe(true);
    for (const b of got.batches) {
      if (!b.groups) continue;
      for (let g = 0; g < b.groups.length; g += 3) {
        const [month, start, end] = [b.groups[g], b.groups[g + 1], b.groups[g + 2]];
        const rows = Array.from(b.starts, (s, i) => [s, i] as const).filter(([, i]) => b.months[i] === month);
        expect(rows.every(([s]) => s >= start && s < end)).toBe(true);
        expect(rows.map(([s]) => s)).toEqual([...rows.map(([s]) => s)].sort((x, y) => x - y));
      }
    }
  });

  it("refuses UTF-16, an empty file and a header-only file as parseFrame does", async () => {
    for (const data of [
      Buffer.from([0xff, 0xfe, 0x63, 0]),
      Buffer.from(""),
      Buffer.from("\uFEFF \n\r\n"),
      Buffer.from("client_ref,service\n"),
      Buffer.from([...generateFrameLines({ rows: 0 })].join("")),
    ]) {
      const expected = await reference(data);
      // (UTF-16 is recognised by the first piece read, in parseFrame too: give it two bytes at least.)
      const got = await viaCopy(data, [3, 1], { chunkBytes: 64 });
      expect(got.summary).toEqual(expected.summary);
      expect(got.errors).toEqual(expected.errors);
    }
  });
});

describe("parseFrameToCopy on worker threads", () => {
  let workers: ChunkWorkers | null = null;
  beforeAll(async () => {
    workers = await startChunkWorkers(2);
  }, 60_000);
  afterAll(async () => {
    await workers?.close();
  });

  it("start here (tests run through TypeScript, as the command line does)", () => {
    expect(workers).not.toBeNull();
  });

  it("give the same rows, errors and summary as one thread", async () => {
    const file = troubledFrame(6_000, 21, { unclosed: true });
    const expected = await reference(file);
    for (const chunkBytes of [4096, 65_536]) {
      const got = await viaCopy(file, [10_000], { chunkBytes, runner: workers!, groupByMonth: chunkBytes === 4096 });
      expect(got.summary).toEqual(expected.summary);
      expect(got.errors).toEqual(expected.errors);
      expect(got.copy).toBe(expected.copy);
    }
  }, 60_000);
});
