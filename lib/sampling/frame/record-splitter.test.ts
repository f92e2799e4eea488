import { parse as csvParse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRecordSplitter } from "./record-splitter";

interface Split {
  records: { fields: string[]; line: number }[];
  problems: { line: number; message: string; lastLine?: number }[];
}

/** Feeds `text` in pieces cut at `cuts` (positions), as a stream would. */
function split(text: string, cuts: number[] = [], maxRecordChars = 1_000_000): Split {
  const out: Split = { records: [], problems: [] };
  const splitter = new CsvRecordSplitter(
    {
      record: (fields, line) => out.records.push({ fields, line }),
      problem: (line, message, lastLine) => out.problems.push({ line, message, lastLine }),
    },
    maxRecordChars,
  );
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(text.slice(from, cut));
    from = cut;
  }
  splitter.push(text.slice(from));
  splitter.end();
  return out;
}

const reference = (text: string): string[][] | "error" => {
  try {
    return csvParse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n"] });
  } catch {
    return "error";
  }
};

describe("CsvRecordSplitter", () => {
  it("splits plain and quoted fields with LF or CRLF and numbers each record's first line", () => {
    for (const eol of ["\n", "\r\n"]) {
      const text = ["a,b,c", '1,"x, y","say ""hi"""', "", '2,"two', `lines",z`, "3,,", ""].join(eol);
      expect(split(text)).toEqual({
        records: [
          { fields: ["a", "b", "c"], line: 1 },
          { fields: ["1", "x, y", 'say "hi"'], line: 2 },
          { fields: ["2", `two${eol}lines`, "z"], line: 4 },
          { fields: ["3", "", ""], line: 6 },
        ],
        problems: [],
      });
    }
  });

  it("gives the same records wherever the chunks are cut", () => {
    const text = 'h1,h2\r\n"a\r\nb",c\r\n"",""\r\nd,"e"""\r\n"f"\r\n';
    const whole = split(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 3) expect(split(text, [i, j])).toEqual(whole);
    }
  });

  it("reports a stray quote and carries on with the next line", () => {
    const text = 'a,b\n1,x"y\n2,"ok"\n3,"a"b\n4,5\n';
    expect(split(text)).toEqual({
      records: [
        { fields: ["a", "b"], line: 1 },
        { fields: ["2", "ok"], line: 3 },
        { fields: ["4", "5"], line: 5 },
      ],
      problems: [
        { line: 2, message: expect.stringMatching(/quote .* inside a value/) },
        { line: 4, message: expect.stringMatching(/text after a closing quote/) },
      ],
    });
  });

  it("reports a quote never closed and still reads the lines after it", () => {
    const { records, problems } = split('a,b\n1,"oops\n2,3\n4,5\n');
    expect(problems).toEqual([{ line: 2, message: expect.stringMatching(/never closed/) }]);
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
  });

  it("skips a record longer than the limit without holding it, and goes on after its end", () => {
    const long = "x".repeat(5_000);
    const text = `a,b\n1,${long}\n2,3\n"${long}\n4,5\n",6\n7,8\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 512) }, (_, i) => i * 512);
    const { records, problems } = split(text, chunks, 1_000);
    expect(problems.map((p) => [p.line, p.lastLine])).toEqual([
      [2, undefined],
      [4, 6],
    ]);
    expect(problems[0].message).toMatch(/longer than 1,000 characters/);
    expect(problems[1].message).toMatch(/skipped with the 2 lines after it/);
    expect(records.map((r) => r.fields)).toEqual([
      ["a", "b"],
      ["2", "3"],
      ["7", "8"],
    ]);
  });

  it("a broken record within the limit rejects its first line only; the next lines are read again", () => {
    // Line 2's quote is closed on line 4 with text after it: line 2 was the stray quote.
    const text = `a,b\n1,"oops\n2,3\n"x"y,4\n5,6\n`;
    for (const cuts of [[], [5, 9, 13, 17], Array.from({ length: text.length }, (_, i) => i)]) {
      const { records, problems } = split(text, cuts, 1_000);
      expect(problems.map((p) => p.line)).toEqual([2, 4]);
      expect(records.map((r) => r.fields)).toEqual([
        ["a", "b"],
        ["2", "3"],
        ["5", "6"],
      ]);
    }
  });

  it("accepts a last line without a line end, and ignores blank lines", () => {
    expect(split("a\n\n\r\nb").records).toEqual([
      { fields: ["a"], line: 1 },
      { fields: ["b"], line: 4 },
    ]);
    expect(split("").records).toEqual([]);
  });

  it("agrees with csv-parse on well-formed files, line numbers included", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "é", " ", ",", '"', "\n", "\r\n", "=", "\t"), maxLength: 6 });
    const row = fc.array(cell, { minLength: 2, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), (rows, eol, trailing) => {
        const encode = (v: string) => (/[",\r\n]/.test(v) || v === "" ? `"${v.replace(/"/g, '""')}"` : v);
        const lines = rows.map((r) => r.map(encode).join(","));
        const text = lines.join(eol) + (trailing ? eol : "");
        const expectedLines = lines.map((_, i) => 1 + lines.slice(0, i).reduce((n, l) => n + l.split("\n").length, 0));
        const mine = split(text);
        expect(mine.problems).toEqual([]);
        expect(mine.records.map((r) => r.fields)).toEqual(rows);
        expect(mine.records.map((r) => r.line)).toEqual(expectedLines);
        expect(reference(text)).toEqual(rows);
      }),
    );
  });

  it("agrees with csv-parse on arbitrary text: same records when it parses, a problem when it cannot", () => {
    const text = fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r\n", " "), maxLength: 40 });
    fc.assert(
      fc.property(text, (t) => {
        const mine = split(t);
        const theirs = reference(t);
        if (theirs === "error") expect(mine.problems.length).toBeGreaterThan(0);
        else {
          expect(mine.problems).toEqual([]);
          expect(mine.records.map((r) => r.fields)).toEqual(theirs);
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
