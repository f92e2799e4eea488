import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerPool, type WorkerPool } from "../csv-stream/worker-pool";
import type { ResponseChunkInput, ResponseChunkResult } from "./response-chunk";
import { ResponseStream, responseChunkTask, type ResponseChunkRunner } from "./response-stream";

const HEAD = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,x_note,CES_SAT";

/** A file with quoted notes of many lines, CRLF line ends, a BOM and some bad rows. */
function sample(): string {
  const rows = [HEAD];
  for (let i = 1; i <= 60; i++) {
    // A quote inside an unquoted value is text (relax_quotes), but it upsets the chunker's count of quotes: the next chunks are parsed again from where the last record ended.
    const note = i === 20 ? '5" screen' : i % 3 === 0 ? `"line one, ${i}\r\nline ""two""\r\nthree"` : i % 7 === 0 ? "plain" : "";
    const sat = i % 11 === 0 ? "MAYBE" : "SATISFIED";
    const date = i % 13 === 0 ? "2023-02-30" : "2023-05-01";
    rows.push(`R${i % 50},CES,CES-2023,${date},ONLINE,RECEIVING_PARENT,NEW_APPLICATION,${note},${sat}`);
    if (i % 17 === 0) rows.push("");
  }
  return "\ufeff" + rows.join("\r\n") + "\r\n";
}

async function* toAsync(pieces: Buffer[]): AsyncGenerator<Buffer> {
  for (const p of pieces) yield p;
}

async function read(text: string, chunkBytes: number, pieceBytes: number, runner?: ResponseChunkRunner, direct: { importId: string } | null = null) {
  const bytes = Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += pieceBytes) pieces.push(bytes.subarray(i, i + pieceBytes));
  const stream = new ResponseStream(runner, undefined, direct, chunkBytes);
  const copy: string[] = [];
  for await (const c of stream.copyText(toAsync(pieces))) copy.push(Buffer.from(c).toString());
  // The staging rows with their file lines in place of (chunk, line in chunk).
  const staged = copy
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [chunk, line, ...rest] = l.split("\t");
      return [stream.lineOf(Number(chunk), Number(line)), ...rest].join("\t");
    });
  return {
    staged,
    errors: stream.errors,
    rows: stream.rows,
    valid: stream.valid,
    fileError: stream.fileError,
    versions: [...stream.versions],
    lines: [...stream.lines.subarray(0, stream.count)],
    keys: stream.keys,
  };
}

describe("ResponseStream", () => {
  it("gives the same rows, lines and errors however the file is cut into chunks and pieces", async () => {
    const text = sample();
    const whole = await read(text, 1 << 20, 1 << 20);
    expect(whole.rows).toBe(60);
    expect(whole.errors.length).toBeGreaterThan(5);
    expect(whole.staged[0]).toMatch(/^2\tt\tCES\tR1\t/);
    // Row 3 (file lines 4-6) has a note of three lines; the next row starts on line 7.
    expect(whole.staged.find((l) => l.includes("\tR4\t"))).toMatch(/^7\t/);
    for (const chunkBytes of [64, 100, 333, 1000]) {
      for (const pieceBytes of [7, 50, 4096]) {
        expect(await read(text, chunkBytes, pieceBytes)).toEqual(whole);
      }
    }
  });

  it("a quote never closed is a file error naming its line, whatever the chunks", async () => {
    const text = `${HEAD}\nA1,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,SATISFIED\nA2,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,"open,SATISFIED\nA3,CES,CES-2023,2023-05-01,ONLINE,RECEIVING_PARENT,NEW_APPLICATION,,SATISFIED\n`;
    for (const chunkBytes of [40, 1 << 20]) {
      const r = await read(text, chunkBytes, 16);
      expect(r.fileError).toMatch(/not valid CSV/);
      expect(r.errors).toEqual([{ line: 3, column: null, message: expect.stringMatching(/line 3 is never closed/) }]);
    }
  });
});

describe("ResponseStream on worker threads (the import's parse where the machine has cores to spare)", () => {
  let pool: WorkerPool<[ResponseChunkInput], ResponseChunkResult> | null = null;
  beforeAll(async () => {
    pool = await startWorkerPool<[ResponseChunkInput], ResponseChunkResult>(responseChunkTask(), 2);
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
  });

  it("start here (tests run through TypeScript, as the command line does)", () => {
    expect(pool).not.toBeNull();
  });

  it("give the same rows, lines, errors and counts per version as one thread, staged and straight into the table", async () => {
    const text = sample();
    for (const direct of [null, { importId: "7" }]) {
      const expected = await read(text, 333, 50, undefined, direct);
      expect(expected.versions).toEqual([["CES-2023", expected.valid]]);
      expect(await read(text, 333, 50, pool!, direct)).toEqual(expected);
    }
  }, 60_000);
});
