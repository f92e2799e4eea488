import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseFrame, readFrame } from "./parse";
import { generateFrameCsv } from "./generate";

const fixture = (name: string) => createReadStream(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (...parts: (string | number[])[]) => Readable.from([Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))))]);
/** A stream of small chunks, so records and characters straddle chunk ends. */
const chunked = (data: Buffer, size = 7) =>
  Readable.from(Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size)));

const HEADER = "client_ref,service,role,contact_reason,contact_date,english_speaking,potentially_violent,research_consent,has_address";
const ROW = "C1,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y";

describe("parseFrame on a frame with some bad rows", () => {
  it("keeps the good rows and reports each bad one with line, column and reason", async () => {
    const { rows, errors, summary } = await readFrame(fixture("frame-bad-rows.csv"));
    expect(rows.map((r) => [r.line, r.service, r.clientRef])).toEqual([
      [2, "CMS", "C0001"],
      [3, "CMS", "C0002"],
      [7, "OPTIONS", "C0001"],
      [9, "OPTIONS", "O0003"],
    ]);
    expect(errors).toEqual([
      {
        line: 4,
        column: "contact_reason",
        message: "contact_reason: 'ARREARS_X' is not a known code (use NEW_APPLICATION, CHANGE_OF_CIRCUMSTANCES, ARREARS, COMPLAINT, CASE_CLOSURE or ENQUIRY)",
      },
      { line: 5, column: "contact_date", message: "contact_date: '2015-02-30' is not a real date (use YYYY-MM-DD)" },
      {
        line: 6,
        column: "client_ref",
        message: "client_ref: 'C0001' already appears for CMS on line 2; each client may appear once per file",
      },
      { line: 8, column: "role", message: "role: 'RECEIVING_PARENT' is not valid for service OPTIONS (use MAIN_CARE, SOME_OR_NO_CARE or OTHER)" },
      {
        line: 11,
        column: null,
        message: "the row has 12 values but the header has 13 columns (a value containing a comma must be in quotes)",
      },
      {
        line: 12,
        column: "phone",
        message: "phone: '...345' is not a UK phone number (e.g. 07700 900123) or an international one starting with +",
      },
    ]);
    expect(summary).toEqual({ rows: 10, valid: 4, rejected: 6, bytes: expect.any(Number), fileError: null });
  });

  it("normalises values and keeps x_ columns as given, formulas included", async () => {
    const { rows } = await readFrame(fixture("frame-bad-rows.csv"));
    expect(rows[0]).toMatchObject({ phone: "+447700900001", email: "c1@example.org", doNotContact: false, extra: { x_note: "" } });
    expect(rows[1]).toMatchObject({ phone: "+447700900002", email: null, extra: { x_note: '=HYPERLINK("http://evil.example","click")' } });
    expect(rows[3].extra).toEqual({ x_note: "a note\nover two lines" });
  });

  it("reads a whole valid frame", async () => {
    const { rows, errors, summary } = await readFrame(fixture("frame-valid.csv"));
    expect(errors).toEqual([]);
    expect(summary).toMatchObject({ rows: 10, valid: 10, rejected: 0 });
    expect(rows[6]).toMatchObject({ clientRef: "C1007", doNotContact: true, ageBand: "25-34", paymentMethod: "DIRECT_PAY" });
    expect(rows[7]).toMatchObject({ clientRef: "O2001", phone: "+442079460201", csaClosureLetter: true, doNotContact: false });
  });
});

describe("parseFrame on bad files", () => {
  it("says the file is empty", async () => {
    for (const input of [bytes(""), bytes([0xef, 0xbb, 0xbf]), bytes("\n\r\n  \n")]) {
      const { summary, errors } = await readFrame(input);
      expect(summary.fileError).toEqual({ line: 1, column: null, message: "the file is empty" });
      expect(errors).toEqual([summary.fileError]);
    }
  });

  it("says a header-only file has no data rows", async () => {
    const { summary } = await readFrame(bytes(HEADER + "\r\n\r\n"));
    expect(summary).toMatchObject({ rows: 0, fileError: { line: 2, column: null, message: "the file has a header but no data rows" } });
  });

  it("rejects a header with missing, unknown and repeated columns, and reads no further", async () => {
    const header = "client_ref,service,Role,contact_date,english_speaking,potentially_violent,research_consent,has_address,notes,phone,phone,";
    const { rows, errors, summary } = await readFrame(bytes(`${header}\n${ROW}\n`));
    expect(rows).toEqual([]);
    expect(summary.rows).toBe(0);
    expect(summary.fileError).toEqual(errors[0]);
    expect(errors).toEqual([
      { line: 1, column: "Role", message: "unknown column 'Role': did you mean 'role'? (names are lower case with _)" },
      {
        line: 1,
        column: "notes",
        message: "unknown column 'notes': remove it, or rename it 'x_notes' to keep it in the file (x_ columns are ignored)",
      },
      { line: 1, column: "phone", message: "column 'phone' appears more than once (columns 10 and 11)" },
      { line: 1, column: null, message: "column 12 has no name" },
      { line: 1, column: "role", message: "missing required column 'role'" },
      { line: 1, column: "contact_reason", message: "missing required column 'contact_reason'" },
    ]);
  });

  it("rejects a file without a header row", async () => {
    const { summary } = await readFrame(bytes(`${ROW}\n${ROW}\n`));
    expect(summary.fileError?.message).toMatch(/unknown column 'C1'/);
  });

  it("accepts CRLF line ends and a BOM, and counts lines through quoted line breaks", async () => {
    const text = `\uFEFF${HEADER},x_note\r\n${ROW},"two\r\nlines"\r\nC2,CMS,PAYING_PARENT,ARREARS,2015-03-32,Y,N,Y,Y,\r\n`;
    const { rows, errors } = await readFrame(chunked(Buffer.from(text)));
    expect(rows.map((r) => [r.line, r.clientRef, r.extra])).toEqual([[2, "C1", { x_note: "two\r\nlines" }]]);
    expect(errors).toEqual([{ line: 4, column: "contact_date", message: "contact_date: '2015-03-32' is not a real date (use YYYY-MM-DD)" }]);
  });

  it("rejects a 1 MB value with a clear message and reads on", async () => {
    const big = "x".repeat(1024 * 1024);
    const text = `${HEADER},x_note\n${ROW},${big}\nC2,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,"${big}"\nC3,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,ok\n`;
    const { rows, errors } = await readFrame(chunked(Buffer.from(text), 65536));
    expect(rows.map((r) => r.clientRef)).toEqual(["C3"]);
    expect(errors).toEqual([
      { line: 2, column: "x_note", message: "x_note: the value is 1,048,576 characters long; the limit is 10,000" },
      { line: 3, column: "x_note", message: "x_note: the value is 1,048,576 characters long; the limit is 10,000" },
    ]);
  });

  it("a quote never closed: within the limit its line is rejected and the lines after it are read; over it, the rest is one rejected range", async () => {
    const C3 = "C3,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,ok";
    const near = `${HEADER},x_note\n${ROW},"never closed\nC2,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,${"y".repeat(500)}\n${C3}\n`;
    const within = await readFrame(chunked(Buffer.from(near), 100), { maxRecordChars: 2000, maxFieldChars: 400 });
    expect(within.errors.map((e) => [e.line, e.lastLine, e.message])).toEqual([
      [2, undefined, expect.stringMatching(/never closed/)],
      [3, undefined, expect.stringMatching(/x_note: the value is 500 characters long/)],
    ]);
    expect(within.rows.map((r) => r.clientRef)).toEqual(["C3"]);
    // (README "Malformed quoting": more than the limit with no quote after it cannot be read again.)
    const far = near.replace("y".repeat(500), "y".repeat(5000));
    const over = await readFrame(chunked(Buffer.from(far), 1000), { maxRecordChars: 2000 });
    expect(over.errors.map((e) => [e.line, e.lastLine, e.message])).toEqual([
      [2, 4, 'the row is longer than 2,000 characters (is a quote " left open?); it was skipped with the 2 lines after it'],
    ]);
    expect(over.rows).toEqual([]);
    expect(over.summary).toMatchObject({ rows: 1, valid: 0, rejected: 1 });
  });

  it("reports bytes that are not UTF-8 on their line and column", async () => {
    // "£" in Windows-1252 is the single byte A3: not UTF-8. Cut the stream mid-way too.
    const data = Buffer.concat([
      Buffer.from(`${HEADER},x_note\n${ROW},ok\nC2,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,`),
      Buffer.from([0xa3]),
      Buffer.from("5 owed\nC3,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y,caf"),
      Buffer.from("é\n"),
    ]);
    const { rows, errors } = await readFrame(chunked(data, 5));
    expect(rows.map((r) => r.clientRef)).toEqual(["C1", "C3"]);
    expect(rows[1].extra).toEqual({ x_note: "café" });
    expect(errors).toEqual([
      { line: 3, column: "x_note", message: `x_note: the value contains bytes that are not valid UTF-8 (save the file as "CSV UTF-8")` },
    ]);
  });

  it("says a UTF-16 file must be saved as UTF-8", async () => {
    const { summary } = await readFrame(bytes([0xff, 0xfe], "c\0l\0"));
    expect(summary.fileError?.message).toBe('the file is UTF-16 text; save it as "CSV UTF-8" and import it again');
  });

  it("reports a stray quote as the row's problem", async () => {
    const { rows, errors } = await readFrame(
      bytes(`${HEADER}\nC1,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,"Y"es\nC2,CMS,PAYING_PARENT,ARREARS,2015-03-02,Y,N,Y,Y\n`),
    );
    expect(rows.map((r) => r.clientRef)).toEqual(["C2"]);
    expect(errors).toEqual([{ line: 2, column: null, message: expect.stringMatching(/text after a closing quote/) }]);
  });
});

describe("parseFrame streaming", () => {
  it("yields batches, reports progress in bytes, and counts every row", async () => {
    const csv = generateFrameCsv({ rows: 2_500, seed: 7 });
    const progress: number[] = [];
    const parse = parseFrame(chunked(Buffer.from(csv), 4096), { batchSize: 1000, onProgress: (b) => progress.push(b) });
    const sizes: number[] = [];
    let step = await parse.next();
    for (; !step.done; step = await parse.next()) sizes.push(step.value.rows.length + step.value.errors.length);
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2_500);
    expect(step.value).toEqual({ rows: 2_500, valid: 2_500, rejected: 0, bytes: Buffer.byteLength(csv), fileError: null });
    expect(progress.at(-1)).toBe(Buffer.byteLength(csv));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it("can leave duplicates to the caller", async () => {
    const { rows } = await readFrame(bytes(`${HEADER}\n${ROW}\n${ROW}\n`), { checkDuplicates: false });
    expect(rows.length).toBe(2);
  });
});
