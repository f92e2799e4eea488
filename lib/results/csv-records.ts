// A responses file's records as fast as the statistics want them (issue 16):
// csv-parse tokenised a million-row file at well under a tenth of `psql \copy`'s
// speed. A line with no quote is split on commas; a record with quotes takes a
// small RFC 4180 state machine. Read as csv-parse was configured before (BOM,
// LF or CRLF, relax_quotes: a quote inside an unquoted value is text, rows of
// any width, blank lines skipped), with exact physical line numbers;
// csv-records.test.ts holds it to csv-parse on a corpus of awkward files.

/** Why a file cannot be split into records, said of the line it is found on. */
const SYNTAX = {
  unclosed: (line: number) => `a quote opened on line ${line} is never closed`,
  afterQuote: (line: number) => `text follows a closing quote on line ${line}`,
  tooLong: (line: number) => `a record starting on line ${line} runs on for more than 16 MB (is a quote never closed?)`,
};
export type CsvSyntaxKind = keyof typeof SYNTAX;

/** A file that cannot be split into records (a quote never closed, text after a closing quote). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly kind: CsvSyntaxKind,
  ) {
    super(SYNTAX[kind](line));
  }
}

/** Where records go as they are split (an array, or a consumer that keeps none of them). */
export interface RecordSink {
  push(record: SplitRecord): unknown;
}

export interface SplitRecord {
  /** 1 = the header line. */
  readonly line: number;
  readonly fields: string[];
}

const QUOTE = 34;

/**
 * Splits text pushed piece by piece into records. `push` returns the records
 * complete so far; `end` the last one.
 */
export class CsvSplitter {
  private buf = "";
  private line: number;
  private first: boolean;

  /**
   * `startOfFile`: a byte order mark at the start is dropped (not in a later
   * piece of a file split elsewhere). `line`: the line the text starts on.
   */
  constructor(startOfFile = true, line = 1) {
    this.first = startOfFile;
    this.line = line;
  }

  push(text: string, out: RecordSink): void {
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length > 0) this.first = false;
    }
    this.buf = this.buf.length ? this.buf + text : text;
    this.scan(false, out);
  }

  /** The text waiting for the rest of its record, and the line it starts on. */
  waiting(): { text: string; line: number } {
    return { text: this.buf, line: this.line };
  }

  end(out: RecordSink): void {
    this.scan(true, out);
    this.buf = "";
  }

  private scan(final: boolean, out: RecordSink): void {
    const buf = this.buf;
    let pos = 0;
    const len = buf.length;
    // The next quote at or after pos (-1: none), found once rather than per line.
    let q = buf.indexOf('"', pos);
    while (pos < len) {
      let nl = buf.indexOf("\n", pos);
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      if (q !== -1 && q < pos) q = buf.indexOf('"', pos);
      if (q === -1 || q > nl) {
        // No quote: the line is the record.
        let end = nl;
        if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
        const text = buf.slice(pos, end);
        if (text.trim() !== "") out.push({ line: this.line, fields: text.split(",") });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const r = this.quoted(buf, pos, final);
      if (r === null) break; // the record goes on in text not yet here
      if (!(r.fields.length === 1 && r.fields[0].trim() === "")) out.push({ line: this.line, fields: r.fields });
      this.line += r.lines;
      pos = r.next;
    }
    this.buf = pos >= len ? "" : buf.slice(pos);
  }

  /** One record with quotes from `start`: its fields, where the next starts, the lines it covers; null if incomplete. */
  private quoted(buf: string, start: number, final: boolean): { fields: string[]; next: number; lines: number } | null {
    const fields: string[] = [];
    const len = buf.length;
    let i = start;
    let lines = 1;
    for (;;) {
      // At the start of a value.
      if (i < len && buf.charCodeAt(i) === QUOTE) {
        let value = "";
        let from = i + 1;
        i = from;
        for (;;) {
          const q = buf.indexOf('"', i);
          if (q === -1) {
            if (!final) return null;
            throw new CsvSyntaxError(this.line, "unclosed");
          }
          if (q + 1 >= len && !final) return null;
          if (buf.charCodeAt(q + 1) === QUOTE) {
            value += buf.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          value += buf.slice(from, q);
          i = q + 1;
          break;
        }
        for (let k = value.indexOf("\n"); k !== -1; k = value.indexOf("\n", k + 1)) lines++;
        fields.push(value);
        // After the closing quote: a comma, a line end, or the end of the text.
        const c = i < len ? buf.charCodeAt(i) : -1;
        if (c === 44) {
          i++;
          continue;
        }
        if (c === 10) return { fields, next: i + 1, lines };
        if (c === 13) {
          if (i + 1 >= len && !final) return null;
          if (i + 1 >= len || buf.charCodeAt(i + 1) === 10) return { fields, next: i + 2, lines };
        }
        if (c === -1) return final ? { fields, next: len, lines } : null;
        throw new CsvSyntaxError(this.line + lines - 1, "afterQuote");
      }
      // An unquoted value: to the next comma or line end (a quote inside is text).
      let j = i;
      while (j < len) {
        const c = buf.charCodeAt(j);
        if (c === 44 || c === 10) break;
        j++;
      }
      if (j >= len && !final) return null;
      if (j < len && buf.charCodeAt(j) === 44) {
        fields.push(buf.slice(i, j));
        i = j + 1;
        continue;
      }
      let end = j;
      if (end > i && buf.charCodeAt(end - 1) === 13) end--;
      fields.push(buf.slice(i, end));
      return { fields, next: j + 1, lines };
    }
  }
}
