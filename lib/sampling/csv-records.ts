// An RFC 4180 record splitter over decoded text chunks (interchange.md: comma
// separated, "double quote" quoting, LF or CRLF line ends).
//
// Why not csv-parse: measured on the 2.5-million-row benchmark frame it tokenises
// at about 10-15 MB/s (20-33 s for 318 MB before any validation), which alone
// would blow the import budget of issue 6 (3x `psql \copy`). Rows without a quote
// take a split(",") fast path here (~5x faster); rows with quotes take a small
// state machine. csv-records.test.ts checks the records against csv-parse on a
// generated corpus.
//
// Line numbers are exact physical lines (the header is line 1, every "\n" starts a
// line, including those inside quoted values), which csv-parse's `info.lines`
// over-counts for CRLF inside quotes.

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

export interface CsvRecordSink {
  /** A complete record; `line` is the line it starts on, `chars` its length in the file. */
  record(fields: string[], line: number, chars: number): void;
  /** A record that could not be split; it is skipped and reading continues. */
  problem(line: number, message: string): void;
}

type Slow =
  | { kind: "record"; fields: string[]; next: number; newlines: number }
  | { kind: "incomplete" }
  | { kind: "error"; message: string; at: number; newlines: number };

const INCOMPLETE: Slow = { kind: "incomplete" };

/** The message for a row over the length limit. */
export function tooLongMessage(maxRecordChars: number): string {
  return `the row is longer than ${maxRecordChars.toLocaleString("en-GB")} characters (is a quote " left open?); it was skipped`;
}

export class CsvRecordSplitter {
  private buf = "";
  private pos = 0;
  private line: number;
  /** Discarding text up to the next "\n" after a record that could not be split. */
  private skipping: boolean;

  /**
   * `from` continues a text split elsewhere (a chunk of a file): the line its
   * first character is on, and whether that text starts mid-way through a line
   * being skipped (see `state`).
   */
  constructor(
    private readonly sink: CsvRecordSink,
    private readonly maxRecordChars: number,
    from: { line: number; skipping: boolean } = { line: 1, skipping: false },
  ) {
    this.line = from.line;
    this.skipping = from.skipping;
  }

  /**
   * Where splitting stands: the line of the first character not yet used,
   * whether the rest of that line is being skipped, and how many characters
   * are waiting for the rest of their record. Waiting characters always start
   * at a line start (after a "\n" or at the start of the text).
   */
  state(): { line: number; skipping: boolean; waiting: number } {
    return { line: this.line, skipping: this.skipping, waiting: this.buf.length - this.pos };
  }

  push(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
    this.buf = "";
    this.pos = 0;
  }

  private scan(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = this.pos;
    let line = this.line;
    let quote = -1; // position of the next '"' at or after pos (len when none)
    while (pos < len) {
      if (this.skipping) {
        const nl = buf.indexOf("\n", pos);
        if (nl === -1) {
          pos = len;
          break;
        }
        pos = nl + 1;
        line++;
        this.skipping = false;
        continue;
      }
      const nl = buf.indexOf("\n", pos);
      if (nl === -1 && !final) {
        if (len - pos > this.maxRecordChars) {
          this.tooLong(line);
          continue;
        }
        break; // wait for the rest of the record
      }
      const end = nl === -1 ? len : nl;
      if (quote < pos) {
        quote = buf.indexOf('"', pos);
        if (quote === -1) quote = len;
      }
      if (quote >= end) {
        // Fast path: no quote on this line, so it is one whole record.
        let stop = end;
        if (stop > pos && buf.charCodeAt(stop - 1) === CR) stop--;
        if (stop - pos > this.maxRecordChars) {
          this.sink.problem(line, this.tooLongMessage());
        } else if (stop > pos) {
          this.sink.record(buf.slice(pos, stop).split(","), line, stop - pos);
        } // else an empty line: skipped, as csv-parse's skip_empty_lines does
        pos = end + 1;
        line++;
        continue;
      }
      const slow = this.splitQuoted(buf, pos, final);
      if (slow.kind === "incomplete") {
        if (len - pos > this.maxRecordChars) {
          this.tooLong(line);
          continue;
        }
        break;
      }
      if (slow.kind === "record") {
        this.sink.record(slow.fields, line, slow.next - pos);
        line += slow.newlines + 1;
        pos = slow.next;
      } else {
        this.sink.problem(line, slow.message);
        line += slow.newlines;
        pos = slow.at;
        this.skipping = true;
      }
    }
    this.pos = pos;
    this.line = line;
  }

  /** The record starting at this.pos is over the limit: report it, resume on its next line. */
  private tooLong(line: number): void {
    this.sink.problem(line, this.tooLongMessage());
    this.skipping = true;
  }

  private tooLongMessage(): string {
    return tooLongMessage(this.maxRecordChars);
  }

  /** Splits a record containing quotes, per RFC 4180. */
  private splitQuoted(buf: string, start: number, final: boolean): Slow {
    const len = buf.length;
    const fields: string[] = [];
    let newlines = 0;
    let p = start;
    for (;;) {
      if (p < len && buf.charCodeAt(p) === QUOTE) {
        let value = "";
        let q = p + 1;
        for (;;) {
          const close = buf.indexOf('"', q);
          if (close === -1) {
            if (!final) return INCOMPLETE;
            return {
              kind: "error",
              message: 'a quoted value starting on this line is never closed (a " is missing)',
              at: start, // resume on the next line: the rows after a stray quote still count
              newlines: 0,
            };
          }
          value += buf.slice(q, close);
          if (close + 1 >= len && !final) return INCOMPLETE; // '"' or '""'? need the next char
          if (buf.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            q = close + 2;
            continue;
          }
          p = close + 1;
          break;
        }
        newlines += countLf(value);
        fields.push(value);
        if (p >= len) return { kind: "record", fields, next: p, newlines };
        const c = buf.charCodeAt(p);
        if (c === COMMA) {
          p++;
          continue;
        }
        if (c === LF) return { kind: "record", fields, next: p + 1, newlines };
        if (c === CR) {
          if (p + 1 >= len && !final) return INCOMPLETE;
          if (p + 1 >= len) return { kind: "record", fields, next: p + 1, newlines };
          if (buf.charCodeAt(p + 1) === LF) return { kind: "record", fields, next: p + 2, newlines };
        }
        return {
          kind: "error",
          message: 'there is text after a closing quote; inside a quoted value write a quote as two quotes ("")',
          at: p,
          newlines,
        };
      }
      const comma = buf.indexOf(",", p);
      const nl = buf.indexOf("\n", p);
      let end: number;
      if (comma !== -1 && (nl === -1 || comma < nl)) end = comma;
      else if (nl !== -1) end = nl;
      else if (final) end = len;
      else return INCOMPLETE;
      const quote = buf.indexOf('"', p);
      if (quote !== -1 && quote < end) {
        return {
          kind: "error",
          message: 'a quote (") is inside a value that does not start with one; put the whole value in quotes and write the quote as ""',
          at: p,
          newlines,
        };
      }
      if (end === comma) {
        fields.push(buf.slice(p, end));
        p = end + 1;
        continue;
      }
      const stop = end > p && buf.charCodeAt(end - 1) === CR ? end - 1 : end;
      fields.push(buf.slice(p, stop));
      return { kind: "record", fields, next: end + 1, newlines };
    }
  }
}

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
