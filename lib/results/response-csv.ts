// Reading an RFC 4180 file (interchange.md: comma separated, double-quote
// quoting, LF or CRLF line ends, an optional UTF-8 BOM) as records with the
// physical line each starts on, so every error can name its line.
import { CsvError, parse } from "csv-parse";
import type { Readable } from "node:stream";

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

/**
 * Yields records, skipping blank lines. csv-parse's `info.lines` over-counts a
 * CRLF inside quotes, so lines are counted from each record's raw text instead.
 */
export async function* readCsvRecords(input: Readable | AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  // relax_quotes: a quote inside an unquoted field (=HYPERLINK("x")) is kept as text, not a parse failure.
  const parser = parse({ bom: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  const source = input as AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
  // Feed the parser ourselves so that errors in the input stream reach the caller.
  const feed = (async () => {
    try {
      for await (const chunk of source) {
        if (!parser.write(chunk)) await new Promise((resolve) => parser.once("drain", resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let line = 1;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    const start = line;
    line += (raw.replace(/\n$/, "").match(/\n/g)?.length ?? 0) + 1;
    if (record.length === 1 && record[0].trim() === "") continue;
    yield { line: start, fields: record };
  }
  await feed;
}

/** Reads a whole small CSV (targets files) from text. */
export async function csvRecordsFromText(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const r of readCsvRecords([text])) out.push(r);
  return out;
}

/** A file that cannot be split into records (e.g. a quote never closed) as a file-level error, or null for other errors. */
export function csvFileError(error: unknown): RowError | null {
  if (!(error instanceof CsvError)) return null;
  const line = typeof (error as { lines?: unknown }).lines === "number" ? (error as unknown as { lines: number }).lines : 1;
  return { line, column: null, message: `The file is not valid CSV from about this line: ${error.message}` };
}
