// Reading an RFC 4180 file (interchange.md: comma separated, double-quote
// quoting, LF or CRLF line ends, an optional UTF-8 BOM) as records with the
// physical line each starts on, so every error can name its line.
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { CsvSplitter, CsvSyntaxError, type SplitRecord } from "./csv-records";

export interface CsvRecord {
  /** 1 = the header line. */
  readonly line: number;
  readonly fields: string[];
}

export interface RowError {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

/** Yields records, skipping blank lines, each with the physical line it starts on (csv-records.ts). */
export async function* readCsvRecords(input: Readable | AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  const splitter = new CsvSplitter();
  const decoder = new StringDecoder("utf8");
  const out: SplitRecord[] = [];
  for await (const chunk of input as AsyncIterable<string | Buffer>) {
    splitter.push(typeof chunk === "string" ? chunk : decoder.write(chunk), out);
    for (const r of out) yield r;
    out.length = 0;
  }
  const rest = decoder.end();
  if (rest) splitter.push(rest, out);
  splitter.end(out);
  for (const r of out) yield r;
}

/** Reads a whole small CSV (targets files) from text. */
export async function csvRecordsFromText(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords([text])) out.push(r);
  return out;
}

/** A file that cannot be split into records (e.g. a quote never closed) as a file-level error, or null for other errors. */
export function csvFileError(error: unknown): RowError | null {
  if (!(error instanceof CsvSyntaxError)) return null;
  return { line: error.line, column: null, message: `The file is not valid CSV from about this line: ${error.message}` };
}
