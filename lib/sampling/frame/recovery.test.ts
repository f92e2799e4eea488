import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFrameToCopy, type CopyParseOptions } from "./parallel";
import { readFrame, type FrameParseOptions } from "./parse";
import type { FrameError } from "./row";
import { startChunkWorkers, type ChunkWorkers } from "./workers";
import { TEST_SEAL_KEY } from "./test-seal";
import { frameLine } from "../db/test-frames";
import { GENERATED_FRAME_HEADER } from "./generate";

// Issue 12: malformed quoting. The recovery rule (README "Malformed quoting")
// must hold on parseFrame (one text stream) and parseFrameToCopy (byte chunks,
// fast path, worker threads) alike: every physical line of the file ends up in
// an imported row, in a rejected row's reported range, or inside a value;
// nothing inside a rejected value is ever read as a row.

const HEADER = GENERATED_FRAME_HEADER + ",x_note";
const row = (ref: string, note: string) => frameLine({ ref, date: "2015-03-04" }) + "," + note;

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

interface Outcome {
  /** Per imported row: its line and client_ref. */
  rows: { line: number; ref: string }[];
  errors: FrameError[];
  summary: { rows: number; valid: number; rejected: number; fileError: FrameError | null };
}

async function viaParseFrame(data: Buffer, sizes: number[], limits: FrameParseOptions): Promise<Outcome> {
  const { rows, errors, summary } = await readFrame(pieces(data, sizes), limits);
  return { rows: rows.map((r) => ({ line: r.line, ref: r.clientRef })), errors, summary };
}

async function viaCopy(data: Buffer, sizes: number[], options: Omit<CopyParseOptions, "sealKey">): Promise<Outcome> {
  const rows: Outcome["rows"] = [];
  const errors: FrameError[] = [];
  const parse = parseFrameToCopy(pieces(data, sizes), { ...options, sealKey: TEST_SEAL_KEY });
  let step = await parse.next();
  for (; !step.done; step = await parse.next()) {
    const b = step.value;
    errors.push(...b.errors);
    b.lines.forEach((line, i) => {
      const text = Buffer.from(b.copy.subarray(b.starts[i], b.ends[i])).toString();
      rows.push({ line, ref: text.split("\t")[1] });
    });
  }
  rows.sort((a, b) => a.line - b.line);
  return { rows, errors, summary: step.value };
}

/** The lines an error says were rejected. */
const range = (e: FrameError) => [e.line, e.lastLine ?? e.line] as const;

describe("a stray opening quote (issue 12, defect 1)", () => {
  // Line 4 opens a quote never closed on its line; line 8 has a quoted value.
  const file = Buffer.from(
    [HEADER, row("A1", "x"), row("A2", "x"), row("A3", '"oops'), row("A4", "x"), row("A5", "x"), row("A6", "x"), row("A7", '"a, b"')].join("\n") + "\n",
  );

  it("rejects its line only; the rows after it are read (one thread, chunks, fast and slow path)", async () => {
    const runs = [
      await viaParseFrame(file, [65_536], {}),
      await viaParseFrame(file, [7, 300], {}),
      await viaCopy(file, [65_536], {}),
      await viaCopy(file, [5, 77], { chunkBytes: 64 }),
      await viaCopy(file, [1000], { chunkBytes: 300 }),
    ];
    for (const got of runs) {
      expect(got.summary).toMatchObject({ rows: 7, valid: 6, rejected: 1 });
      expect(got.rows.map((r) => r.ref)).toEqual(["A1", "A2", "A4", "A5", "A6", "A7"]);
      expect(got.errors.map((e) => e.line)).toEqual([4]);
    }
  });
});

describe("a stray quote more than the record limit from the next quote (README: the trade-off)", () => {
  const limits = { maxRecordChars: 400, maxFieldChars: 300 };
  // Line 3 opens a quote; lines 4-9 have none (over 400 characters); line 10's quoted value closes it with text after the quote.
  const plain = Array.from({ length: 6 }, (_, k) => row(`D${k}`, "x"));
  const file = Buffer.from([HEADER, row("C1", "x"), row("C2", '"oops'), ...plain, row("C3", '"a, b"'), row("C4", "x")].join("\n") + "\n");

  it("rejects the lines up to the one before that quote as one range, and reads on from there", async () => {
    for (const got of [
      await viaParseFrame(file, [65_536], limits),
      await viaParseFrame(file, [50], limits),
      await viaCopy(file, [50], { ...limits, chunkBytes: 128 }),
    ]) {
      expect(got.rows.map((r) => r.ref)).toEqual(["C1", "C3", "C4"]);
      expect(got.errors.map(range)).toEqual([[3, 9]]);
      expect(got.errors[0].message).toMatch(/skipped with the 6 lines after it/);
      expect(got.summary).toMatchObject({ rows: 4, valid: 3, rejected: 1 });
    }
  });
});

describe("a quoted value over the record limit (issue 12, defect 2)", () => {
  const limits = { maxRecordChars: 2_000, maxFieldChars: 1_000 };
  // A note of many lines, each one a valid-looking frame row.
  const inside = Array.from({ length: 60 }, (_, k) => row(`IN${k}`, "x")).join("\n");
  const file = Buffer.from([HEADER, row("B1", "x"), row("B2", `"${inside}"`), row("B3", "x")].join("\n") + "\n");
  const last = 3 + 60 - 1; // the line the note closes on

  it("is one rejected row spanning its lines; nothing inside it is read as a row", async () => {
    const runs = [
      await viaParseFrame(file, [65_536], limits),
      await viaParseFrame(file, [100, 9], limits),
      await viaCopy(file, [65_536], limits),
      await viaCopy(file, [333], { ...limits, chunkBytes: 512 }),
      await viaCopy(file, [4096], { ...limits, chunkBytes: 1500 }),
    ];
    for (const got of runs) {
      expect(got.rows.map((r) => r.ref)).toEqual(["B1", "B3"]);
      expect(got.summary).toMatchObject({ rows: 3, valid: 2, rejected: 1 });
      expect(got.errors).toHaveLength(1);
      expect(range(got.errors[0])).toEqual([3, last]);
      expect(got.errors[0].message).toMatch(/longer than 2,000 characters/);
    }
  });
});

// Generated files: good rows (some with quoted values over several lines),
// stray opening quotes, values over the record limit whose lines look like
// rows, blank lines; cut into random pieces and chunks.
type Block = { kind: "good"; note: string } | { kind: "stray" } | { kind: "huge"; lines: number } | { kind: "blank" };

const blockArb: fc.Arbitrary<Block> = fc.oneof(
  // Mostly rows without quotes, so that a stray quote is often more than the limit from the next quote.
  { weight: 10, arbitrary: fc.constant<Block>({ kind: "good", note: "x" }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Block>({ kind: "good", note: '"a, b"' }, { kind: "good", note: '"two\nlines"' }, { kind: "good", note: '"say ""hi"""' }),
  },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: "stray" }) },
  { weight: 1, arbitrary: fc.integer({ min: 6, max: 12 }).map((lines): Block => ({ kind: "huge", lines })) },
  { weight: 1, arbitrary: fc.constant<Block>({ kind: "blank" }) },
);

function build(blocks: Block[]): { data: Buffer; starts: { line: number; lines: number; block: Block; ref: string }[]; lineCount: number } {
  const out = [HEADER];
  const starts: { line: number; lines: number; block: Block; ref: string }[] = [];
  blocks.forEach((block, i) => {
    const line = out.join("\n").split("\n").length + 1;
    const ref = `${block.kind.charAt(0).toUpperCase()}${i}`;
    let text: string;
    if (block.kind === "good") text = row(ref, block.note);
    else if (block.kind === "stray") text = row(ref, '"oops');
    else if (block.kind === "huge") text = row(ref, `"note ${Array.from({ length: block.lines }, (_, k) => row(`IN${i}x${k}`, "x")).join("\n")}"`);
    else text = "";
    starts.push({ line, lines: text.split("\n").length, block, ref });
    out.push(text);
  });
  const text = out.join("\n") + "\n";
  return { data: Buffer.from(text), starts, lineCount: text.split("\n").length - 1 };
}

describe("the recovery rule holds on generated files", () => {
  // ~85 characters a row: a huge value (6+ lines) is over the limit; a stray
  // quote is over it when no quote follows within 5 rows or so.
  const limits = { maxRecordChars: 400, maxFieldChars: 300 };

  it("every line is in an imported row, a rejected row's range, or a value; nothing in a value is a row; the same on every path", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(blockArb, { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 64, max: 2048 }),
        async (blocks, sizes, chunkBytes) => {
          const { data, starts, lineCount } = build(blocks);
          const reference = await viaParseFrame(data, sizes, limits);
          const copied = await viaCopy(data, sizes, { ...limits, chunkBytes });
          expect(copied.rows).toEqual(reference.rows);
          expect(copied.errors).toEqual(reference.errors);
          expect(copied.summary).toEqual(reference.summary);

          const got = reference;
          if (got.summary.fileError !== null) {
            expect(blocks.every((b) => b.kind === "blank")).toBe(true); // "a header but no data rows"
            return;
          }
          // Nothing inside a value is read as a row.
          expect(got.rows.filter((r) => r.ref.startsWith("IN"))).toEqual([]);
          // The summary accounts for every record: imported + rejected rows.
          const rejectedRows = new Set(got.errors.map((e) => e.line)).size;
          expect(got.summary.rows).toBe(got.summary.valid + got.summary.rejected);
          expect(got.summary.rejected).toBe(rejectedRows);
          expect(got.summary.valid).toBe(got.rows.length);

          const covered = new Set<number>([1]);
          const byLine = new Map(starts.map((s) => [s.line, s]));
          for (const r of got.rows) {
            const s = byLine.get(r.line)!;
            expect(s.ref).toBe(r.ref); // imported where it was written
            for (let k = 0; k < s.lines; k++) covered.add(r.line + k);
          }
          const spans = got.errors.map(range);
          for (const [a, b] of spans) for (let l = a; l <= b; l++) covered.add(l);
          for (const s of starts) {
            if (s.block.kind === "blank") covered.add(s.line);
            // A good row is imported, or lies in a reported range of an earlier broken row; it is never itself rejected.
            if (s.block.kind === "good" && !got.rows.some((r) => r.line === s.line)) {
              expect(spans.some(([a, b]) => a < s.line && s.line <= b)).toBe(true);
            }
            // A stray quote's row and a huge value's row are rejected, or lie in a reported range.
            if (s.block.kind === "stray" || s.block.kind === "huge") expect(spans.some(([a, b]) => a <= s.line && s.line <= b)).toBe(true);
          }
          for (let l = 1; l <= lineCount; l++) expect(covered.has(l), `line ${l}`).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("on worker threads", () => {
  let workers: ChunkWorkers | null = null;
  beforeAll(async () => {
    workers = await startChunkWorkers(2);
  }, 60_000);
  afterAll(async () => {
    await workers?.close();
  });

  it("a stray quote and a value over the limit come out as on one thread", async () => {
    const limits = { maxRecordChars: 400, maxFieldChars: 300 };
    const { data } = build([
      { kind: "good", note: "x" },
      { kind: "stray" },
      ...Array.from({ length: 2 }, (): Block => ({ kind: "good", note: "x" })),
      { kind: "huge", lines: 20 },
      ...Array.from({ length: 30 }, (): Block => ({ kind: "good", note: '"a, b"' })),
    ]);
    const expected = await viaParseFrame(data, [65_536], limits);
    expect(expected.rows).toHaveLength(33);
    expect(expected.errors.map(range)).toEqual([
      [3, 3],
      [6, 25],
    ]);
    for (const chunkBytes of [256, 1024, 4096]) {
      expect(await viaCopy(data, [999], { ...limits, chunkBytes, runner: workers! })).toEqual(expected);
    }
  }, 60_000);
});

describe("encoding and header problems (issue 12, defects 4 and 5)", () => {
  const good = (ref: string) => frameLine({ ref, date: "2015-03-04" });
  const both = async (data: Buffer) => [await viaParseFrame(data, [3, 4096], {}), await viaCopy(data, [3, 4096], { chunkBytes: 128 })];

  it("a real U+FFFD character (valid UTF-8) in an x_ value is a value like any other", async () => {
    const data = Buffer.from([HEADER, good("U1") + ",a \uFFFD b", good("U2") + ",x"].join("\n") + "\n");
    for (const got of await both(data)) {
      expect(got.errors).toEqual([]);
      expect(got.rows.map((r) => r.ref)).toEqual(["U1", "U2"]);
    }
  });

  it("bytes that are not UTF-8 still reject their row, naming the column", async () => {
    const data = Buffer.concat([Buffer.from(HEADER + "\n" + good("U1") + ",a "), Buffer.from([0xff]), Buffer.from(" \uFFFD\n" + good("U2") + ",x\n")]);
    for (const got of await both(data)) {
      expect(got.rows.map((r) => r.ref)).toEqual(["U2"]);
      expect(got.errors).toEqual([expect.objectContaining({ line: 2, column: "x_note", message: expect.stringMatching(/not valid UTF-8/) })]);
    }
  });

  const refused = [
    { name: "a NUL byte in the header", data: Buffer.from(`client_ref,service\u0000,x_a\n` + "A1,CMS\n"), message: /NUL/ },
    { name: "a NUL byte in an x_ column's name", data: Buffer.from(HEADER.replace("x_note", "x_n\u0000ote") + "\n" + good("N1") + ",x\n"), message: /NUL/ },
    { name: "UTF-16 without a byte order mark", data: Buffer.from(HEADER + "\n" + good("W1") + ",x\n", "utf16le"), message: /UTF-16/ },
    {
      name: "a control character in the header",
      data: Buffer.from(HEADER.replace("x_note", "x_\u0007note") + "\n" + good("K1") + ",x\n"),
      message: /control character/,
    },
    { name: "old Mac line ends (CR only)", data: Buffer.from([HEADER, good("M1") + ",x", good("M2") + ",x"].join("\r") + "\r"), message: /line ends/ },
  ];
  for (const { name, data, message } of refused) {
    it(`refuses ${name} at line 1, saying so, with one message`, async () => {
      for (const got of await both(data)) {
        expect(got.rows).toEqual([]);
        expect(got.errors).toHaveLength(1);
        expect(got.errors[0]).toMatchObject({ line: 1, message: expect.stringMatching(message) });
        expect(got.errors[0].message).not.toContain("\u0000");
      }
    });
  }
});

it("a file with CR-only line ends longer than the record limit is refused naming the line ends", async () => {
  const limits = { maxRecordChars: 400, maxFieldChars: 300 };
  const data = Buffer.from([HEADER, ...Array.from({ length: 20 }, (_, k) => row(`M${k}`, "x"))].join("\r") + "\r");
  for (const got of [await viaParseFrame(data, [100], limits), await viaCopy(data, [100], { ...limits, chunkBytes: 128 })]) {
    expect(got.rows).toEqual([]);
    expect(got.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/header row cannot be read.*CR only/) })]);
  }
});

describe("personal values in messages (issue 12)", () => {
  it("a bad phone or email is not quoted back in full", async () => {
    const data = Buffer.from(
      [
        GENERATED_FRAME_HEADER,
        frameLine({ ref: "P1", date: "2015-03-04", phone: "0770090012345678" }),
        frameLine({ ref: "P2", date: "2015-03-04", email: "jane.doe.private@example" }),
      ].join("\n") + "\n",
    );
    for (const got of [await viaParseFrame(data, [4096], {}), await viaCopy(data, [4096], {})]) {
      expect(got.errors.map((e) => e.column)).toEqual(["phone", "email"]);
      expect(got.errors[0].message).not.toContain("0770090012345678");
      expect(got.errors[0].message).toContain("678");
      expect(got.errors[1].message).not.toContain("jane.doe");
      expect(got.errors[1].message).toContain("ple");
    }
  });

  it("bytes that are not UTF-8 in an email or an x_ value: the message does not quote the value", async () => {
    const [email1, email2] = frameLine({ ref: "Q1", date: "2015-03-04", email: "jane.doe.private@EXAMPLE.org" }).split("EXAMPLE");
    const [note1, note2] = row("Q2", "Mrs Janet Doe of BYTE14 Acacia Road").split("BYTE");
    const data = Buffer.concat([
      Buffer.from(`${HEADER}\n${email1}`),
      Buffer.from([0xff]),
      Buffer.from(`${email2},x\n${note1}`),
      Buffer.from([0xff]),
      Buffer.from(`${note2}\n`),
    ]);
    for (const got of [await viaParseFrame(data, [4096], {}), await viaCopy(data, [4096], {})]) {
      expect(got.errors.map((e) => [e.line, e.column])).toEqual([
        [2, "email"],
        [3, "x_note"],
      ]);
      expect(got.errors.every((e) => /not valid UTF-8/.test(e.message))).toBe(true);
      expect(got.errors.map((e) => e.message).join("\n")).not.toMatch(/jane|Janet|Acacia/);
    }
  });

  it("a file without its header row: the first row's phone and email are not quoted back as column names", async () => {
    const data = Buffer.from(
      [frameLine({ ref: "H1", date: "2015-03-04", phone: "07700 900987", email: "jane.doe@example.org" }), frameLine({ ref: "H2", date: "2015-03-04" })].join(
        "\n",
      ) + "\n",
    );
    for (const got of [await viaParseFrame(data, [4096], {}), await viaCopy(data, [4096], {})]) {
      expect(got.rows).toEqual([]);
      const messages = got.errors.map((e) => e.message).join("\n");
      expect(messages).toMatch(/header row missing/);
      expect(messages).not.toMatch(/900987|jane\.doe/);
    }
  });
});
