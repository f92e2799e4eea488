// Escaping for any CSV or spreadsheet we write (exports, error downloads).
// Frame values may legitimately start with = + - @ (a phone "+44...", an `x_`
// note "=HYPERLINK(...)"); we store them as given but never write them out so
// that a spreadsheet would run them as a formula (OWASP "CSV injection": prefix
// the cell with a single quote).

const FORMULA_START = /^[=+\-@\t\r]/;

/** The value safe to put in a spreadsheet cell: formula-like values get a leading '. */
export function csvSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: csvSafe, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = typeof value === "string" ? csvSafe(value) : String(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line (no line end) from values, each passed through csvField. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvField).join(",");
}
