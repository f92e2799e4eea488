// An RFC 4180 record splitter over decoded text chunks (interchange.md: comma
// separated, "double quote" quoting, LF or CRLF line ends).
//
// Why not csv-parse: measured on the 2.5-million-row benchmark frame it tokenises
// at about 10-15 MB/s (20-33 s for 318 MB before any validation), which alone
// would blow the import budget of issue 6 (3x `psql \copy`). Rows without a quote
// take a split(",") fast path here (~5x faster); rows with quotes take a small
// state machine. record-splitter.test.ts checks the records against csv-parse on a
// generated corpus.
//
// Line numbers are exact physical lines (the header is line 1, every "\n" starts a
// line, including those inside quoted values), which csv-parse's `info.lines`
// over-counts for CRLF inside quotes.
//
// Malformed quoting (issue 12; lib/sampling/README.md "Malformed quoting"): a
// record is decided by the first character that ends it or shows it broken.
// When that character is within maxRecordChars of the record's start, a broken
// record rejects its first line only and reading resumes on the next line (the
// rows after a stray quote still count). Otherwise the record is over the
// limit: it is read on, without keeping it, to its end as RFC 4180 reads it
// (a line end outside quotes) and rejected as one row with its line range, so
// nothing inside a long value is read as a row; if a quote closes it with text
// after it (the opening quote was a stray one), the range ends on the line
// before, and reading resumes at the start of that line.

import { COMMA, CR, LF, QUOTE } from "../../csv-stream/bytes";

// Where a record over the limit stands as it is read on (RFC 4180).
const FIELD = 0; // at the start of a value
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3; // a quote inside a quoted value: closing, or the first of ""
const AFTER_CR = 4; // a CR after a closing quote: a line end if LF follows

export interface CsvRecordSink {
  /** A complete record; `line` is the line it starts on, `chars` its length in the file. */
  record(fields: string[], line: number, chars: number): void;
  /**
   * A record that could not be split; it is skipped and reading continues.
   * `lastLine` when the rejected row covers more lines than its first.
   */
  problem(line: number, message: string, lastLine?: number): void;
}

/** A record over the limit being read on to its end, as handed from one text to the next. */
export interface OverLimit {
  /** Lines from the record's first line to the line the next text starts on (0: the same). */
  linesBefore: number;
  /** The RFC 4180 state where the next text starts. */
  state: number;
  /** The next text starts part-way through a line already longer than the limit. */
  midLine: boolean;
  /** The record's first maxRecordChars characters have CRs but no LF: a file with CR-only line ends. */
  crOnly: boolean;
}

export interface SplitFrom {
  /** The line the text's first character is on. */
  line: number;
  /** The text starts part-way through a line being skipped to its end. */
  skipping: boolean;
  /** The text continues a record over the limit. */
  over: OverLimit | null;
}

type Slow =
  | { kind: "record"; fields: string[]; next: number; newlines: number; decide: number }
  | { kind: "incomplete" }
  | { kind: "error"; message: string; decide: number };

const INCOMPLETE: Slow = { kind: "incomplete" };

/** The message for a row over the length limit; `linesAfter` more lines were skipped with it. */
export function tooLongMessage(maxRecordChars: number, linesAfter = 0, crOnly = false): string {
  if (crOnly) {
    return `the row is longer than ${maxRecordChars.toLocaleString("en-GB")} characters because the lines end with CR only (old Mac line ends); save the file with Windows (CRLF) or Unix (LF) line ends and import it again`;
  }
  const skipped =
    linesAfter === 0 ? "it was skipped" : `it was skipped with the ${linesAfter.toLocaleString("en-GB")} line${linesAfter === 1 ? "" : "s"} after it`;
  return `the row is longer than ${maxRecordChars.toLocaleString("en-GB")} characters (is a quote " left open?); ${skipped}`;
}

export class CsvRecordSplitter {
  private buf = "";
  /** The first character not yet used (while over the limit: the current line's start, or the cursor once that line is dropped). */
  private pos = 0;
  private line: number;
  /** Discarding text up to the next "\n" after a record that could not be split. */
  private skipping: boolean;
  private over: { startLine: number; state: number; cursor: number; midLine: boolean; crOnly: boolean } | null = null;

  /** `from` continues a text split elsewhere (a chunk of a file): see `state`. */
  constructor(
    private readonly sink: CsvRecordSink,
    private readonly maxRecordChars: number,
    from: SplitFrom = { line: 1, skipping: false, over: null },
  ) {
    this.line = from.line;
    this.skipping = from.skipping;
    if (from.over !== null) {
      const { linesBefore, state, midLine, crOnly } = from.over;
      this.over = { startLine: from.line - linesBefore, state, cursor: 0, midLine, crOnly };
    }
  }

  /**
   * Where splitting stands: the line of the first character not yet used,
   * whether the rest of that line is being skipped, the record over the limit
   * being read on, and how many characters are waiting (for the rest of their
   * record, or of a line that may be read again). Waiting characters always
   * start at a line start (after a "\n" or at the start of the text).
   */
  state(): { line: number; skipping: boolean; over: OverLimit | null; waiting: number } {
    const o = this.over;
    return {
      line: this.line,
      skipping: this.skipping,
      over:
        o === null
          ? null
          : {
              linesBefore: this.line - o.startLine,
              state: o.midLine ? o.state : this.line === o.startLine ? FIELD : QUOTED,
              midLine: o.midLine,
              crOnly: o.crOnly,
            },
      waiting: this.buf.length - this.pos,
    };
  }

  push(text: string): void {
    if (this.over !== null) this.over.cursor -= this.pos;
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
    const max = this.maxRecordChars;
    let pos = this.pos;
    let line = this.line;
    let quote = -1; // position of the next '"' at or after pos (len when none)
    for (;;) {
      if (this.over !== null) {
        this.pos = pos;
        this.line = line;
        const done = this.readOver(final);
        pos = this.pos;
        line = this.line;
        if (!done) break;
        continue;
      }
      if (pos >= len) break;
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
      if (quote < pos) {
        quote = buf.indexOf('"', pos);
        if (quote === -1) quote = len;
      }
      const nl = buf.indexOf("\n", pos);
      if (nl === -1 && !final && quote >= len) {
        // No quote and no line end yet: wait for the rest, unless it is already over the limit.
        if (len - pos > max) this.startOver(pos, line);
        else break;
        continue;
      }
      const end = nl === -1 ? len : nl;
      if (quote >= end) {
        // Fast path: no quote on this line, so it is one whole record.
        let stop = end;
        if (stop > pos && buf.charCodeAt(stop - 1) === CR) stop--;
        if (end - pos > max) {
          this.sink.problem(line, tooLongMessage(max));
        } else if (stop > pos) {
          this.sink.record(buf.slice(pos, stop).split(","), line, stop - pos);
        } // else an empty line: skipped, as csv-parse's skip_empty_lines does
        pos = end + 1;
        line++;
        continue;
      }
      const slow = this.splitQuoted(buf, pos, final);
      if (slow.kind === "incomplete" ? len - pos > max : slow.decide - pos > max) {
        // Not decided within the limit: read on to the record's end (readOver).
        this.startOver(pos, line);
        continue;
      }
      if (slow.kind === "incomplete") break;
      if (slow.kind === "record") {
        this.sink.record(slow.fields, line, slow.next - pos);
        line += slow.newlines + 1;
        pos = slow.next;
        continue;
      }
      // A broken record: its first line is rejected, the next lines are read again.
      this.sink.problem(line, slow.message);
      const next = buf.indexOf("\n", pos);
      if (next === -1) {
        pos = len;
        this.skipping = !final;
      } else {
        pos = next + 1;
        line++;
      }
    }
    this.pos = pos;
    this.line = line;
  }

  /** The record at `pos` is over the limit (it has at least maxRecordChars characters here): read it on. */
  private startOver(pos: number, line: number): void {
    const head = this.buf.slice(pos, pos + this.maxRecordChars);
    this.over = { startLine: line, state: FIELD, cursor: pos, midLine: false, crOnly: !head.includes("\n") && head.includes("\r") };
  }

  /**
   * Reads a record over the limit on from the cursor, keeping only the current
   * line (while it is within the limit, as it may be read again). True when the
   * record has ended (reported, reading resumes at this.pos), false when it
   * needs more text.
   */
  private readOver(final: boolean): boolean {
    const o = this.over!;
    const buf = this.buf;
    const len = buf.length;
    const max = this.maxRecordChars;
    let i = o.cursor;
    let state = o.state;
    let line = this.line;
    let lineStart = o.midLine ? -1 : this.pos; // -1: dropped, longer than the limit
    const conclude = (lastLine: number) => {
      this.sink.problem(o.startLine, tooLongMessage(max, lastLine - o.startLine, o.crOnly), lastLine > o.startLine ? lastLine : undefined);
      this.over = null;
    };
    while (i < len) {
      if (state === QUOTED) {
        const q = buf.indexOf('"', i);
        const stop = q === -1 ? len : q;
        for (let nl = buf.indexOf("\n", i); nl !== -1 && nl < stop; nl = buf.indexOf("\n", nl + 1)) {
          line++;
          lineStart = nl + 1;
        }
        if (q === -1) {
          i = len;
          break;
        }
        state = AFTER_QUOTE;
        i = q + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === LF) {
        // A line end outside quotes: the record ends here.
        conclude(line);
        this.pos = i + 1;
        this.line = line + 1;
        return true;
      }
      let broken = false;
      if (state === FIELD) state = c === QUOTE ? QUOTED : c === COMMA ? FIELD : UNQUOTED;
      else if (state === UNQUOTED) {
        if (c === COMMA) state = FIELD;
        else if (c === QUOTE) broken = true;
      } else if (state === AFTER_QUOTE) {
        if (c === QUOTE) state = QUOTED;
        else if (c === COMMA) state = FIELD;
        else if (c === CR) state = AFTER_CR;
        else broken = true;
      } else broken = true; // AFTER_CR, not followed by LF
      if (broken) {
        if (lineStart !== -1 && line > o.startLine && i - lineStart <= max) {
          // A quote closed with text after it: the quote that opened the value
          // was a stray one. Its range ends on the line before; this line is read again.
          conclude(line - 1);
          this.pos = lineStart;
          this.line = line;
        } else {
          conclude(line);
          this.pos = i;
          this.line = line;
          this.skipping = true;
        }
        return true;
      }
      i++;
    }
    if (final) {
      conclude(lineStart === len ? line - 1 : line);
      this.pos = len;
      this.line = line;
      return true;
    }
    o.cursor = len;
    o.state = state;
    this.line = line;
    if (lineStart === -1 || len - lineStart > max) {
      o.midLine = true;
      this.pos = len;
    } else {
      o.midLine = false;
      this.pos = lineStart;
    }
    return false;
  }

  /**
   * Splits a record containing quotes, per RFC 4180. `decide` is the position
   * of the character that ended the record or showed it broken (the text's
   * length for its end).
   */
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
            return { kind: "error", message: 'a quoted value starting on this line is never closed (a " is missing)', decide: len };
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
        if (p >= len) return { kind: "record", fields, next: p, newlines, decide: len };
        const c = buf.charCodeAt(p);
        if (c === COMMA) {
          p++;
          continue;
        }
        if (c === LF) return { kind: "record", fields, next: p + 1, newlines, decide: p };
        if (c === CR) {
          if (p + 1 >= len && !final) return INCOMPLETE;
          if (p + 1 >= len) return { kind: "record", fields, next: p + 1, newlines, decide: len };
          if (buf.charCodeAt(p + 1) === LF) return { kind: "record", fields, next: p + 2, newlines, decide: p + 1 };
        }
        return {
          kind: "error",
          message: 'there is text after a closing quote; inside a quoted value write a quote as two quotes ("")',
          decide: c === CR ? p + 1 : p,
        };
      }
      const comma = buf.indexOf(",", p);
      const nl = buf.indexOf("\n", p);
      let end: number;
      if (comma !== -1 && (nl === -1 || comma < nl)) end = comma;
      else if (nl !== -1) end = nl;
      else if (final) end = len;
      else end = -1;
      // A quote in the value is an error however the value ends, so look before waiting.
      const quote = buf.indexOf('"', p);
      if (quote !== -1 && quote < (end === -1 ? len : end)) {
        return {
          kind: "error",
          message: 'a quote (") is inside a value that does not start with one; put the whole value in quotes and write the quote as ""',
          decide: quote,
        };
      }
      if (end === -1) return INCOMPLETE;
      if (end === comma) {
        fields.push(buf.slice(p, end));
        p = end + 1;
        continue;
      }
      const stop = end > p && buf.charCodeAt(end - 1) === CR ? end - 1 : end;
      fields.push(buf.slice(p, stop));
      return { kind: "record", fields, next: end + 1, newlines, decide: end };
    }
  }
}

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) n++;
  return n;
}
