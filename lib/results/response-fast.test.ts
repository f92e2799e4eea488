// The responses import's byte fast path (response-fast.ts) may only ever take
// the rows readResponseRow would accept, and must write them byte for byte as
// it does: a chunk parsed with the fast path gives exactly what it gives
// without it (copy text, errors, lines, keys, counts, where it stopped), on
// synthetic CES rows with every kind of awkward cell mixed in.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseResponseChunk, type ResponseChunkResult } from "./response-chunk";
import { jsonbKeyOrder, readResponsesHeader, type ResponsesHeader } from "./response-row";
import { fastLayout, fastResponseRow } from "./response-fast";
import { ByteWriter } from "../csv-stream/copy-text";
import { syntheticCes } from "./synthetic-file";

const base = syntheticCes(400, 7);
// Beyond the synthetic file's columns: a weight, a column of the user's own, a
// question of another survey (not in CES-2023), a rating and a free text.
const COLUMNS = [...base.header, "weight", "x_note", "CMS_SAT", "RTCF_RATING", "RTCF_COMMENT"];

function headerOf(columns: string[]): ResponsesHeader {
  const h = readResponsesHeader(columns);
  if ("errors" in h) throw new Error(JSON.stringify(h.errors));
  return h.header;
}
const HEADER = headerOf(COLUMNS);

const col = (name: string) => COLUMNS.indexOf(name);

/** Ways a row can differ from the plain case, each given the row's cells. */
const MUTATIONS: ((cells: string[], i: number) => void)[] = [
  (c) => (c[col("CES_SAT")] = ` ${c[col("CES_SAT")]}`), // padded: the slow path trims it
  (c) => (c[col("CES_SAT")] = `${c[col("CES_SAT")]} `),
  (c) => (c[col("CES_SAT")] = "MAYBE"),
  (c) => (c[col("CES_SAT")] = "satisfied"),
  (c) => (c[col("respondent_ref")] = ""),
  (c) => (c[col("respondent_ref")] = "R".repeat(101)),
  (c) => (c[col("respondent_ref")] = "R".repeat(100)),
  (c) => (c[col("respondent_ref")] = "A\\B"), // a backslash: COPY escapes it
  (c) => (c[col("respondent_ref")] = "Zoë-1"), // not ASCII
  (c) => (c[col("survey")] = "CMS"),
  (c) => (c[col("survey")] = "XYZ"),
  (c) => (c[col("questionnaire_version")] = "CES-1999"),
  (c) => (c[col("questionnaire_version")] = "CMS-2023"),
  (c) => (c[col("interview_date")] = "2023-02-30"),
  (c) => (c[col("interview_date")] = "2024-02-29"),
  (c) => (c[col("interview_date")] = "1989-12-31"),
  (c) => (c[col("interview_date")] = "2023-1-05"),
  (c) => (c[col("interview_date")] = ""),
  (c) => (c[col("mode")] = "POST"),
  (c) => (c[col("role")] = ""),
  (c) => (c[col("contact_reason")] = "OTHER"),
  (c) => (c[col("age_band")] = ""),
  (c) => (c[col("age_band")] = "90+"),
  (c) => (c[col("gender")] = ""),
  (c) => (c[col("weight")] = "1.5"),
  (c) => (c[col("weight")] = "-2"),
  (c) => (c[col("x_note")] = "a note"),
  (c) => (c[col("x_note")] = "  "),
  (c) => (c[col("CMS_SAT")] = "SATISFIED"), // not a question of CES-2023
  (c) => (c[col("RTCF_RATING")] = "4"),
  (c) => (c[col("RTCF_RATING")] = "04"),
  (c) => (c[col("RTCF_RATING")] = "11"),
  (c) => (c[col("RTCF_COMMENT")] = "free text"),
  (c) => (c[col("CES_CHANNELS")] = "PORTAL;PHONE"),
  (c) => (c[col("CES_CHANNELS")] = "PHONE;PHONE"),
  (c) => (c[col("CES_CHANNELS")] = "PHONE;"),
  (c) => (c[col("CES_GR_ACCURATE")] = ""),
  (c) => (c[col("CES_GR_ACCURATE")] = "DONT_KNOW"),
  (c) => (c[col("CES_PS_NEEDS")] = "\t"),
  (c) => (c[col("x_note")] = "a\u0000b"), // PostgreSQL holds no NUL: a row error
  (c) => (c[col("respondent_ref")] = "R\u0000"),
  (c) => c.push("extra"),
  (c) => c.pop(),
];

/** A row's line: its cells joined, a quoted cell where asked. */
function lineOf(cells: string[], quoteAt: number): string {
  return cells.map((v, k) => (k === quoteAt ? `"${v.replace(/"/g, '""')}"` : v)).join(",");
}

interface Plan {
  /** Per row: mutations to apply (indexes into MUTATIONS). */
  mutations: number[][];
  /** Rows with a quoted cell (its column). */
  quoted: [number, number][];
  crlf: boolean;
  /** Blank lines (empty or of spaces) after these rows. */
  blanks: number[];
  /** Cut the chunk this many bytes before its end (a record going on into the next chunk). */
  cut: number;
}

function chunkOf(plan: Plan, rows: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = base.rows[i % base.rows.length];
    const cells = COLUMNS.map((h) => r[h] ?? "");
    cells[col("respondent_ref")] = `R${i % 150}`; // some repeats: the database finds duplicates, not the chunk
    for (const m of plan.mutations[i] ?? []) MUTATIONS[m](cells, i);
    const q = plan.quoted.find(([row]) => row === i);
    lines.push(lineOf(cells, q ? q[1] % cells.length : -1));
    if (plan.blanks.includes(i)) lines.push(i % 2 ? "" : "   ");
  }
  const bytes = Buffer.from(lines.join(plan.crlf ? "\r\n" : "\n") + (plan.crlf ? "\r\n" : "\n"));
  return bytes.subarray(0, Math.max(0, bytes.length - plan.cut));
}

function parse(bytes: Uint8Array, direct: boolean, final: boolean, fastPath: boolean): ResponseChunkResult {
  return parseResponseChunk({ bytes, seq: 3, header: HEADER, final, direct: direct ? { importId: "imp_1" } : null, fastPath });
}

function comparable(r: ResponseChunkResult) {
  return { ...r, copy: Buffer.from(r.copy).toString("utf8"), versions: [...r.versions].sort(), lines: [...r.lines] };
}

const ROWS = 60;
const plans = fc.record({
  mutations: fc.array(fc.array(fc.nat(MUTATIONS.length - 1), { maxLength: 3 }), { maxLength: ROWS }),
  quoted: fc.array(fc.tuple(fc.nat(ROWS - 1), fc.nat(40)), { maxLength: 3 }),
  crlf: fc.boolean(),
  blanks: fc.array(fc.nat(ROWS - 1), { maxLength: 3 }),
  cut: fc.oneof(fc.constant(0), fc.nat(400)),
});

describe("the responses import's byte fast path", () => {
  it("gives a chunk exactly as the slow path reads it (staging and first-import rows, whole chunks and cut ones)", () => {
    fc.assert(
      fc.property(plans, fc.boolean(), fc.boolean(), (plan, direct, final) => {
        const bytes = chunkOf(plan, ROWS);
        expect(comparable(parse(bytes, direct, final, true))).toEqual(comparable(parse(bytes, direct, final, false)));
      }),
      { numRuns: 300 },
    );
  });

  it("takes the plain rows itself and still reports every bad one with its line and column", () => {
    // Plain rows go through the fast path; rows 2 and 5 have problems (lines 3 and 6 of the chunk).
    const bytes = chunkOf({ mutations: [[], [], [2], [], [], [13, 18]], quoted: [], crlf: false, blanks: [], cut: 0 }, 8);
    const r = parse(bytes, false, true, true);
    // The plain first line is the fast path's to take, the bad third line is not.
    const lines = Buffer.from(bytes).toString("latin1").split("\n");
    const at = (n: number) => [lines.slice(0, n - 1).join("\n").length + (n > 1 ? 1 : 0), lines[n - 1].length] as const;
    const take = (n: number) => {
      const [start, length] = at(n);
      return fastResponseRow(bytes, start, start + length, fastLayout(HEADER), new ByteWriter(), Buffer.from("\n"));
    };
    expect(take(1)).toMatchObject({ survey: "CES", id: "CES-2023" });
    expect(take(3)).toBeNull();
    expect(r.rows).toBe(8);
    expect(r.valid).toBe(6);
    expect(r.errors).toEqual([
      { line: 3, column: "CES_SAT", message: expect.stringContaining('"MAYBE" is not an answer to CES_SAT') },
      { line: 6, column: "interview_date", message: '"2023-02-30" is not a date (expected YYYY-MM-DD)' },
      { line: 6, column: "mode", message: expect.stringContaining('Unknown mode "POST"') },
    ]);
    const staged = Buffer.from(r.copy).toString("utf8").trimEnd().split("\n");
    expect(staged.map((l) => l.split("\t").slice(0, 3).join(" "))).toEqual(["3 1 t", "3 2 t", "3 3 f", "3 4 t", "3 5 t", "3 6 f", "3 7 t", "3 8 t"]);
    // A valid row's answers as the database receives them (ratings as numbers, codes as strings).
    const first = staged[0].split("\t");
    expect(first[3]).toBe("CES");
    expect(JSON.parse(first[first.length - 2])).toMatchObject({ CES_SAT: base.rows[0].CES_SAT });
  });

  it("writes a rating as a number and a free text through the slow path, the same either way", () => {
    const bytes = chunkOf({ mutations: [[29], [30], [32]], quoted: [], crlf: true, blanks: [0], cut: 0 }, 3);
    const fast = parse(bytes, false, true, true);
    expect(comparable(fast)).toEqual(comparable(parse(bytes, false, true, false)));
  });

  it("writes each row's answers with their keys in jsonb's order, on the fast path and the slow one", () => {
    // Row 1's padded cell is the slow path's to read, the others are plain (the fast path's, when it is on).
    const bytes = chunkOf({ mutations: [[], [0], []], quoted: [], crlf: false, blanks: [], cut: 0 }, 3);
    for (const fastPath of [true, false]) {
      const r = parseResponseChunk({ bytes, seq: 1, header: HEADER, final: true, direct: { importId: "1" }, fastPath });
      const rows = Buffer.from(r.copy).toString("utf8").trimEnd().split("\n");
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        const keys = Object.keys(JSON.parse(row.split("\t")[15]));
        expect(keys.length).toBeGreaterThan(5);
        expect(keys).toEqual(keys.slice().sort(jsonbKeyOrder));
      }
      // Not the file's order: CES_SAT, then CES_CHANNELS before the shorter CES_CC_NEXT.
      expect(Object.keys(JSON.parse(rows[0].split("\t")[15])).slice(0, 2)).toEqual(["CES_SAT", "CES_CC_NEXT"]);
    }
  });
});
