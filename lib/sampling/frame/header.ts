// The header row of a sampling frame (interchange.md §1): column order is free,
// required columns must be there, unknown columns are rejected unless prefixed
// `x_` (kept, ignored), and a name may appear only once.

import { EXTRA_COLUMN_PREFIX, FRAME_COLUMNS, REQUIRED_COLUMNS, type FrameColumn, type FrameError } from "./row";
import { looksPersonal, masked, show } from "./field-rules";

export interface FrameHeader {
  /** Column names as written (trimmed), by position; every row must have this many values. */
  names: string[];
  /** Position of each known column, -1 when absent (optional columns only). */
  index: Record<FrameColumn, number>;
  /** `x_` columns with their positions. */
  extra: { name: string; index: number }[];
}

export type HeaderResult = { ok: true; header: FrameHeader } | { ok: false; errors: FrameError[] };

const KNOWN = new Set<string>(Object.keys(FRAME_COLUMNS));

export function readFrameHeader(cells: readonly string[]): HeaderResult {
  const unreadable = unreadableHeader(cells);
  if (unreadable !== null) return { ok: false, errors: [{ line: 1, column: null, message: unreadable }] };
  const errors: FrameError[] = [];
  const index = Object.fromEntries(Object.keys(FRAME_COLUMNS).map((c) => [c, -1])) as Record<FrameColumn, number>;
  const extra: FrameHeader["extra"] = [];
  const seen = new Map<string, number>();
  const problem = (column: string | null, message: string) => errors.push({ line: 1, column, message });

  cells.forEach((cell, i) => {
    // A BOM the decoder did not remove (e.g. a second one) is not part of the name.
    const name = (i === 0 ? cell.replace(/^\uFEFF/, "") : cell).trim();
    const position = i + 1;
    if (name === "") {
      problem(null, `column ${position} has no name`);
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      problem(name, `column ${show(name)} appears more than once (columns ${first} and ${position})`);
      return;
    }
    seen.set(name, position);
    if (KNOWN.has(name)) index[name as FrameColumn] = i;
    else if (name.startsWith(EXTRA_COLUMN_PREFIX)) extra.push({ name, index: i });
    else problem(name, unknownColumnMessage(name));
  });

  for (const column of REQUIRED_COLUMNS) {
    if (index[column] === -1 && !seen.has(column)) problem(column, `missing required column '${column}'`);
  }
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, header: { names: cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c).trim()), index, extra } };
}

function unknownColumnMessage(name: string): string {
  // A file without its header row: its first row's phone or email is not quoted back.
  if (looksPersonal(name)) return `unknown column ${masked(name)}: is the header row missing? The first line must name the columns`;
  const near = name.toLowerCase().replace(/[\s-]+/g, "_");
  if (KNOWN.has(near)) return `unknown column ${show(name)}: did you mean '${near}'? (names are lower case with _)`;
  return `unknown column ${show(name)}: remove it, or rename it '${EXTRA_COLUMN_PREFIX}${near}' to keep it in the file (x_ columns are ignored)`;
}

/**
 * Why the header row is not CSV text at all (issue 12), or null. Said once,
 * naming the actual problem, rather than as one unknown column after another;
 * and a NUL never reaches PostgreSQL, which cannot store one in text.
 */
function unreadableHeader(cells: readonly string[]): string | null {
  const text = cells.join(",");
  const nul = text.indexOf("\u0000");
  if (nul !== -1) {
    // UTF-16 text of ASCII names is every other byte NUL.
    const nuls = text.split("\u0000").length - 1;
    if (nuls * 3 >= text.length)
      return 'the file looks like UTF-16 text without a byte order mark (NUL bytes between the letters); save it as "CSV UTF-8" and import it again';
    return `the header row contains a NUL byte (in column ${columnAt(cells, nul)}); is this a CSV file? Save it as "CSV UTF-8" and import it again`;
  }
  if (text.includes("\r")) {
    return "the lines end with CR only (old Mac line ends), so the whole file reads as one line; save it with Windows (CRLF) or Unix (LF) line ends and import it again";
  }
  const control = text.search(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  if (control !== -1) {
    const code = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, "0");
    return `the header row contains a control character (U+${code}) in column ${columnAt(cells, control)}; remove it and import the file again`;
  }
  return null;
}

/** The 1-based column of character `at` of cells.join(","). */
function columnAt(cells: readonly string[], at: number): number {
  let end = 0;
  for (let i = 0; i < cells.length; i++) {
    end += cells[i].length + 1;
    if (at < end) return i + 1;
  }
  return cells.length;
}
