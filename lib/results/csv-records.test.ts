import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/analysis/synthetic";
import { CsvSplitter, CsvSyntaxError, type SplitRecord } from "./csv-records";

/** What the importer read before issue 16: csv-parse as configured then, lines counted from each record's raw text. */
function reference(text: string): SplitRecord[] {
  const rows = parse(text, { bom: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as unknown as {
    record: string[];
    raw: string;
  }[];
  const out: SplitRecord[] = [];
  let line = 1;
  for (const { record, raw } of rows) {
    const start = line;
    line += (raw.replace(/\n$/, "").match(/\n/g)?.length ?? 0) + 1;
    if (record.length === 1 && record[0].trim() === "") continue;
    out.push({ line: start, fields: record });
  }
  return out;
}

function split(text: string, pieces: number[]): SplitRecord[] {
  const s = new CsvSplitter();
  const out: SplitRecord[] = [];
  let at = 0;
  for (const p of pieces) {
    s.push(text.slice(at, p), out);
    at = p;
  }
  s.push(text.slice(at), out);
  s.end(out);
  return out;
}

/** A file of awkward but valid values: commas, doubled quotes, CRLF and LF inside quotes, quotes inside unquoted values, blank lines. */
function corpus(seed: number): string {
  const rnd = seededRandom(seed);
  const values = [
    "",
    "A1",
    "a b",
    "x,y",
    'say "hi"',
    "two\nlines",
    "crlf\r\ninside",
    '=HYPERLINK("x")',
    "  spaced  ",
    "é ünïcode",
    '""',
    "tab\there",
    "back\\slash",
  ];
  const eol = rnd() < 0.5 ? "\r\n" : "\n";
  const lines: string[] = [];
  const rows = 5 + Math.floor(rnd() * 30);
  for (let r = 0; r < rows; r++) {
    if (rnd() < 0.05) {
      lines.push("");
      continue;
    }
    const width = 1 + Math.floor(rnd() * 6);
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const v = values[Math.floor(rnd() * values.length)];
      const needs = /[",\r\n]/.test(v) && !v.startsWith("=");
      cells.push(needs || rnd() < 0.1 ? `"${v.replace(/"/g, '""')}"` : v);
    }
    lines.push(cells.join(","));
  }
  return (rnd() < 0.3 ? "\ufeff" : "") + lines.join(eol) + (rnd() < 0.7 ? eol : "");
}

describe("CsvSplitter reads what csv-parse read", () => {
  it("on 300 generated files, whole and cut into random pieces (inside quotes, between CR and LF)", () => {
    const rnd = seededRandom(16);
    for (let k = 0; k < 300; k++) {
      const text = corpus(k);
      const want = reference(text);
      expect(split(text, []), `file ${k}`).toEqual(want);
      const cuts = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * text.length)).sort((a, b) => a - b);
      expect(split(text, cuts), `file ${k} in pieces`).toEqual(want);
      const everyChar = Array.from({ length: text.length }, (_, i) => i);
      if (k % 30 === 0) expect(split(text, everyChar), `file ${k} a character at a time`).toEqual(want);
    }
  }, 60_000);

  it("a quote never closed is an error naming the line it opened on", () => {
    const text = 'a,b\r\n1,"open\r\n2,3\r\n';
    expect(() => reference(text)).toThrow();
    expect(() => split(text, [])).toThrow(CsvSyntaxError);
    try {
      split(text, [7]);
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(2);
    }
  });
});
