// One chunk of a responses file, parsed on its own (issue 16): the unit of work
// the import spreads over worker threads (lib/csv-stream/worker-pool.ts), as
// the frame import does (lib/sampling/frame/chunk.ts). A chunk is a run of
// bytes that, as far as the caller knows, starts at a record; it gives back its
// rows as staging COPY text, its errors and where its last whole record ended,
// so the caller can tell whether the next chunk really started at a record and
// parse it again from there when it did not (response-stream.ts). Lines here
// count from the chunk's first line (1); duplicates across rows are left to
// the database (db/import-responses.ts).

import { ByteWriter, copyText } from "../csv-stream/copy-text";
import { CsvSplitter, CsvSyntaxError, type CsvSyntaxKind, type SplitRecord } from "./csv-records";
import type { RowError } from "./response-csv";
import { readResponseRow, readResponsesHeader, type ResponsesHeader } from "./response-row";
import * as fast from "./response-fast";
import * as byteCodes from "../csv-stream/bytes";

export interface ResponseChunkInput {
  bytes: Uint8Array;
  /** The chunk's number in the file: the first column of its staging rows (the caller knows its first line). */
  seq: number;
  /** null until the header has been read (it is then read from this chunk, which starts the file). */
  header: ResponsesHeader | null;
  /** The end of the file: a last record without a line end is complete. */
  final: boolean;
  /**
   * A first import's rows go straight into SurveyRespondent (db/first-load.ts):
   * `copy` then holds valid rows only, as RESPONDENT_COPY_COLUMNS, with `lines`
   * and `keys` beside it. Null: staging rows.
   */
  direct: { importId: string } | null;
  /** Lines without quotes first try the byte fast path (response-fast.ts); false: every line through readResponseRow (the tests compare the two). */
  fastPath?: boolean;
}

export interface ResponseChunkResult {
  /**
   * Staging COPY lines (db/import-responses.ts STAGING_COLUMNS): chunk, line,
   * ok, then the row's fields; a rejected row with a valid survey and
   * respondent_ref as its key alone (ok false), so a later row naming it is a duplicate.
   */
  copy: Uint8Array;
  /** Lines relative to the chunk: its first line is 1. */
  errors: RowError[];
  /** With `direct`: each valid row's line, in `copy` order. */
  lines: Int32Array;
  /** With `direct`: the rejected rows with a valid survey and respondent_ref (a later row naming them is a duplicate). */
  keys: { line: number; survey: string; respondentRef: string }[];
  /** Data rows read, valid and rejected. */
  rows: number;
  valid: number;
  /** The valid rows per questionnaire version (its id: ids are unique across surveys): [version, rows]. */
  versions: [string, number][];
  /** The header, when it was read in this chunk. */
  header: ResponsesHeader | null;
  /** Where and why the text cannot be split (the caller adds its error, said of the file's line), or null. */
  syntax: { line: number; kind: CsvSyntaxKind } | null;
  /** Why nothing can be imported (a bad header, a file that is not CSV), or null. */
  fileError: string | null;
  /** Bytes used; the rest (when not final) is a record that goes on past the chunk. */
  used: number;
  /** The line (relative) the unused bytes start on, or the line after the chunk when all were used. */
  endLine: number;
}

// Imported values as this module's own constants (as response-fast.ts explains: getters where loaded as CommonJS).
const { ascii, fastLayout, fastResponseRow, writeStagingPrefix } = fast;
const { CR, LF, QUOTE } = byteCodes;

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const NULLS = "\t\\N".repeat(15);

export function parseResponseChunk(input: ResponseChunkInput): ResponseChunkResult {
  const { seq, final, direct } = input;
  // A plain Uint8Array view (the chunker's Buffers, on this thread, made the byte loops polymorphic and slower).
  const bytes =
    Object.getPrototypeOf(input.bytes) === Uint8Array.prototype
      ? input.bytes
      : new Uint8Array(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const suffix = direct === null ? "\n" : `\tIMPORT\t${direct.importId}\n`;
  let lines = new Int32Array(direct === null ? 0 : 1 << 12);
  const keys: ResponseChunkResult["keys"] = [];
  let header = input.header;
  const errors: RowError[] = [];
  // COPY text is about twice the CSV it comes from (the answers as JSON).
  const out = new ByteWriter(2 * bytes.length + 1024);
  let rows = 0;
  let valid = 0;
  /** Valid rows by questionnaire version id. */
  const versions = new Map<string, number>();
  let fileError: string | null = null;
  let readHeader: ResponsesHeader | null = null;
  let syntax: CsvSyntaxError | null = null;
  const seqTab = ascii(`${seq}\t`);
  /** A valid row's COPY line has been written: counts it. */
  const accepted = (line: number, version: string): void => {
    if (direct !== null) {
      if (valid === lines.length) {
        const grown = new Int32Array(lines.length * 2);
        grown.set(lines);
        lines = grown;
      }
      lines[valid] = line;
    }
    valid++;
    versions.set(version, (versions.get(version) ?? 0) + 1);
  };
  // Each record is checked as it is split (none is kept).
  const sink = {
    push(rec: SplitRecord): void {
      if (fileError !== null) return;
      if (header === null) {
        const h = readResponsesHeader(rec.fields);
        if ("errors" in h) {
          errors.push(...h.errors);
          fileError = `The header line has ${h.errors.length} problem(s); nothing was imported`;
          return;
        }
        header = readHeader = h.header;
        return;
      }
      rows++;
      const r = readResponseRow(header, rec.line, rec.fields, errors);
      if (r.copy !== null) {
        if (direct === null) writeStagingPrefix(out, seqTab, rec.line);
        out.string(r.copy);
        out.string(suffix);
        accepted(rec.line, r.version!);
      } else if (r.survey !== null && r.respondentRef !== null) {
        if (direct !== null) keys.push({ line: rec.line, survey: r.survey, respondentRef: r.respondentRef });
        else out.string(`${seq}\t${rec.line}\tf\t${r.survey}\t${copyText(r.respondentRef)}${NULLS}\n`);
      }
    },
  };

  // Lines without a quote, once the header is known: the byte fast path, and
  // what it leaves split on commas (as the splitter splits a line without quotes).
  let pos = 0;
  let line = 1;
  if (header !== null && input.fastPath !== false) {
    const layout = fastLayout(header);
    const suffixBytes = ascii(suffix);
    const len = bytes.length;
    let quote = -1; // the next '"' at or after pos (len when none)
    while (pos < len) {
      let nl = bytes.indexOf(LF, pos);
      if (nl === -1) {
        if (!final) break; // a record going on into the next chunk: the splitter below keeps it waiting
        nl = len;
      }
      if (quote < pos) {
        quote = bytes.indexOf(QUOTE, pos);
        if (quote === -1) quote = len;
      }
      if (quote < nl) break; // a quoted value: the splitter below
      const stop = nl > pos && bytes[nl - 1] === CR ? nl - 1 : nl;
      if (stop > pos) {
        const before = out.length;
        if (direct === null) writeStagingPrefix(out, seqTab, line);
        const version = fastResponseRow(bytes, pos, stop, layout, out, suffixBytes);
        if (version !== null) {
          rows++;
          accepted(line, version.id);
        } else {
          out.length = before;
          const text = decoder.decode(bytes.subarray(pos, stop));
          if (text.trim() !== "") sink.push({ line, fields: text.split(",") });
        }
      }
      pos = nl + 1;
      line++;
    }
  }
  // The rest (all of it without the fast path) through the splitter.
  const splitter = new CsvSplitter(header === null, line);
  // The records before a syntax error are read as usual, its error after them.
  try {
    splitter.push(decoder.decode(pos === 0 ? bytes : bytes.subarray(pos)), sink);
    if (final) splitter.end(sink);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    syntax = error;
  }
  if (syntax !== null && fileError === null) {
    fileError = "The file is not valid CSV; nothing was imported";
  }
  // The text not yet split starts at the start of a line: after the (line - start line)th line end from pos.
  const waiting = splitter.waiting();
  let used = bytes.length;
  if (!final && fileError === null && waiting.text !== "") {
    used = pos;
    for (let n = waiting.line - line; n > 0; n--) used = bytes.indexOf(LF, used) + 1;
  }
  const syntaxError = syntax !== null && fileError === "The file is not valid CSV; nothing was imported" ? { line: syntax.line, kind: syntax.kind } : null;
  return {
    syntax: syntaxError,
    copy: out.take(),
    lines: lines.slice(0, direct === null ? 0 : valid),
    keys,
    errors,
    rows,
    valid,
    versions: [...versions],
    header: readHeader,
    fileError,
    used,
    endLine: waiting.line,
  };
}
