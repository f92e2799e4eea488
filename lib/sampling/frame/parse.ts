// Streaming import of a sampling frame file (interchange.md §1, issue 6): reads a
// byte stream chunk by chunk, never the whole file, and yields batches of valid
// normalised rows and of errors, each error with its line (header = line 1),
// column and a message a person can act on.
//
//   const parse = parseFrame(createReadStream(path), { onProgress });
//   let step = await parse.next();
//   for (; !step.done; step = await parse.next()) { copy(step.value.rows); report(step.value.errors); }
//   const summary = step.value; // FrameParseSummary
//
// Memory: one input chunk, one partial record (at most maxRecordChars), one
// batch, and ~25 bytes per accepted client_ref (for duplicates in the file).

import { CsvRecordSplitter } from "./record-splitter";
import { FirstSeen } from "./first-seen";
import { readFrameHeader, type FrameHeader } from "./header";
import type { FrameError, FrameRow } from "./row";
import { validateFrameRecord, type RowLimits } from "./validate";
import { decodeUtf8, INVALID_UTF8, utf8CompleteEnd } from "./utf8";
import { UTF16_MESSAGE, isUtf16 } from "../../csv-stream/bytes";

export interface FrameParseOptions {
  /** Rows (valid + rejected) per yielded batch; default 10,000. */
  batchSize?: number;
  /** Longest value accepted in a cell; default 10,000 characters. */
  maxFieldChars?: number;
  /** Longest row; a longer one (e.g. a quote never closed) is skipped; default 4 MiB. */
  maxRecordChars?: number;
  /** Called after each chunk with the bytes read so far (for a progress bar). */
  onProgress?: (bytesRead: number) => void;
  /**
   * Reject a second row for the same service and client_ref (default true).
   * Costs ~25 bytes per row; a caller doing this check in SQL may turn it off.
   */
  checkDuplicates?: boolean;
}

/** A valid row with where it came from. `extra` holds `x_` columns when the file has any. */
export type FrameRecord = FrameRow & { line: number; extra?: Record<string, string> };

export interface FrameBatch {
  rows: FrameRecord[];
  errors: FrameError[];
}

export interface FrameParseSummary {
  /** Data rows in the file (header and blank lines not counted). */
  rows: number;
  valid: number;
  /** Rows rejected: rows - valid. */
  rejected: number;
  bytes: number;
  /**
   * A problem with the whole file (empty, no data rows, bad header, not UTF-8 text):
   * nothing from it should be imported. Also included in the errors of the last batch.
   */
  fileError: FrameError | null;
}

export const DEFAULT_MAX_FIELD_CHARS = 10_000;
export const DEFAULT_MAX_RECORD_CHARS = 4 * 1024 * 1024;

export async function* parseFrame(
  input: AsyncIterable<Uint8Array | string>,
  options: FrameParseOptions = {},
): AsyncGenerator<FrameBatch, FrameParseSummary, undefined> {
  const batchSize = options.batchSize ?? 10_000;
  const limits: RowLimits = { maxFieldChars: options.maxFieldChars ?? DEFAULT_MAX_FIELD_CHARS, checkEncoding: false };
  // Not fatal: invalid bytes are marked (utf8.ts), and the row check then
  // reports them with the row's line (see checkEncoding). Each piece is decoded
  // up to its last whole character; a BOM is dropped at the start only.
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let tail: Uint8Array = new Uint8Array(0);
  let atStart = true;
  const decode = (data: Uint8Array, last: boolean): string => {
    const all = tail.length === 0 ? data : Buffer.concat([tail, data]);
    const end = last ? all.length : utf8CompleteEnd(all);
    tail = all.subarray(end);
    const text = decodeUtf8(all.subarray(0, end), decoder);
    if (!atStart || text.length === 0) return text;
    atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  let header: FrameHeader | null = null;
  let fileError: FrameError | null = null;
  let rows: FrameRecord[] = [];
  let errors: FrameError[] = [];
  let pending = 0; // data rows seen since the last batch
  let dataRows = 0;
  let valid = 0;
  let bytes = 0;
  let sawText = false;
  // (service, client_ref) -> line of its first accepted row.
  const seen = options.checkDuplicates === false ? null : new FirstSeen();

  const fail = (error: FrameError) => {
    fileError = error;
    errors.push(error);
  };

  const splitter = new CsvRecordSplitter(
    {
      record(cells, line, chars) {
        if (fileError !== null) return;
        if (cells.length === 1 && cells[0].trim() === "") return; // a blank line with spaces: ignored like an empty one
        if (header === null) {
          const result = readFrameHeader(cells);
          if (result.ok) header = result.header;
          else {
            errors.push(...result.errors);
            fileError = result.errors[0];
          }
          return;
        }
        dataRows++;
        pending++;
        const row = validateFrameRecord(cells, header, line, chars, limits, errors);
        if (row === null) return;
        // "C"/"O" + ref: refs are unique per service (interchange.md §1).
        const first = seen?.firstLine(row.service.charAt(0) + row.clientRef, line);
        if (first !== undefined) {
          errors.push({
            line,
            column: "client_ref",
            message: `client_ref: '${row.clientRef}' already appears for ${row.service} on line ${first}; each client may appear once per file`,
          });
          return;
        }
        const record = row as FrameRecord;
        record.line = line;
        if (header.extra.length > 0) {
          record.extra = {};
          for (const { name, index } of header.extra) record.extra[name] = cells[index];
        }
        rows.push(record);
        valid++;
      },
      problem(line, message, lastLine) {
        if (fileError !== null) return;
        if (header === null) {
          fail({ line, column: null, message: `the header row cannot be read: ${message}` });
          return;
        }
        dataRows++;
        pending++;
        errors.push(lastLine === undefined ? { line, column: null, message } : { line, column: null, message, lastLine });
      },
    },
    options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
  );

  const takeBatch = (): FrameBatch => {
    const batch = { rows, errors };
    rows = [];
    errors = [];
    pending = 0;
    return batch;
  };

  for await (const chunk of input) {
    const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    if (bytes === 0 && isUtf16(data)) {
      fail({ line: 1, column: null, message: UTF16_MESSAGE });
      break;
    }
    bytes += data.byteLength;
    const text = decode(data, false);
    if (!sawText && text.trim() !== "") sawText = true;
    if (!limits.checkEncoding && text.includes(INVALID_UTF8)) limits.checkEncoding = true;
    splitter.push(text);
    options.onProgress?.(bytes);
    if (fileError !== null) break; // leaving the loop closes the input stream
    if (pending >= batchSize) yield takeBatch();
  }
  if (fileError === null) {
    const rest = decode(new Uint8Array(0), true);
    if (rest.includes(INVALID_UTF8)) limits.checkEncoding = true;
    splitter.push(rest);
    splitter.end();
    if (!sawText) fail({ line: 1, column: null, message: "the file is empty" });
    else if (header !== null && dataRows === 0) {
      fail({ line: 2, column: null, message: "the file has a header but no data rows" });
    }
  }
  if (rows.length > 0 || errors.length > 0) yield takeBatch();
  return { rows: dataRows, valid, rejected: dataRows - valid, bytes, fileError };
}

/** Reads a whole (small) frame into memory: for tests, previews and the demo seed. */
export async function readFrame(
  input: AsyncIterable<Uint8Array | string>,
  options: FrameParseOptions = {},
): Promise<FrameBatch & { summary: FrameParseSummary }> {
  const rows: FrameRecord[] = [];
  const errors: FrameError[] = [];
  const parse = parseFrame(input, options);
  let step = await parse.next();
  for (; !step.done; step = await parse.next()) {
    rows.push(...step.value.rows);
    errors.push(...step.value.errors);
  }
  return { rows, errors, summary: step.value };
}
