// Field rules shared by the zod schema (row.ts) and the fast row validator
// (validate.ts), so both accept the same values and speak the same words.
// Messages name the column, quote the value and say what would be accepted,
// so a person fixing the extract in a spreadsheet knows what to type.

import { regexes } from "zod";

export const CLIENT_REF_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
// zod's own email pattern, so z.email() and the fast path agree.
export const EMAIL_PATTERN: RegExp = regexes.email;
export const EMAIL_MAX_LENGTH = 254; // RFC 5321 path limit
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Show a value inside a message: short, on one line, never a megabyte. */
export function show(value: string): string {
  // Lone surrogates: bytes that were not UTF-8 (utf8.ts INVALID_UTF8), shown as the usual mark.
  const oneLine = value.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) =>
    c === "\t" ? "\\t" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : c.length === 1 && c >= "\ud800" ? "\uFFFD" : "?",
  );
  return oneLine.length > 40 ? `'${oneLine.slice(0, 37)}...'` : `'${oneLine}'`;
}

/**
 * A personal value (phone, email) inside a message: its last 3 characters
 * only, so that error lists and their downloads do not copy it (issue 12).
 */
export function masked(value: string): string {
  return value.length <= 3 ? "'***'" : show(`...${value.slice(-3)}`);
}

/** interchange.md: unknown columns are rejected unless prefixed `x_` (kept, ignored). */
export const EXTRA_COLUMN_PREFIX = "x_";

/** Columns whose values are personal (interchange.md §1): never quoted back in full. */
const PERSONAL_COLUMNS = new Set(["phone", "email"]);
/** The client's name (issue 18): never quoted back at all, not even in part. */
export const NAME_COLUMNS = new Set(["title", "first_name", "last_name"]);

/**
 * A cell's value inside a message about that cell: masked for a personal
 * column, left out for an `x_` column (free text: may hold a name or an
 * address), quoted (shortened) otherwise.
 */
export function quoteCell(column: string, value: string): string {
  if (PERSONAL_COLUMNS.has(column)) return masked(value);
  if (NAME_COLUMNS.has(column)) return "the value";
  if (column.startsWith(EXTRA_COLUMN_PREFIX)) return "the value";
  return show(value);
}

/** A header cell that is a phone number or an email (a data row where the header should be): masked. */
export function looksPersonal(value: string): boolean {
  return value.includes("@") || normalisePhone(value) !== null;
}

/** A real calendar date written YYYY-MM-DD (2024-02-30 is not one). */
export function isRealDate(value: string): boolean {
  // Character codes rather than a regex: this runs twice per row on millions of rows.
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  // There is no year 0000 (PostgreSQL refuses it): a row with one is rejected, not the file.
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** The number written in value[from, to), or -1 if any character is not a digit. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const UK_NATIONAL = /^[1-9]\d{8,9}$/; // digits after the trunk 0 / after +44
const E164_DIGITS = /^[1-9]\d{6,14}$/; // country code + number, at most 15 digits
const PHONE_PUNCTUATION = /[\s().-]/g;

/**
 * A UK number (07700 900123, (020) 7946 0000, +44 (0)7700 900123, 0044 ...) or
 * any E.164 number (+1 415 555 2671), normalised to E.164 ("+447700900123").
 * Returns null when the value is not a phone number we could dial.
 */
export function normalisePhone(raw: string): string | null {
  let s = raw.includes("(0)") ? raw.replace(/^\s*(\+|00)\s*44\s*\(0\)/, "+44") : raw;
  s = s.replace(PHONE_PUNCTUATION, "");
  if (s.startsWith("00")) s = "+" + s.slice(2);
  if (s.startsWith("+")) {
    const digits = s.slice(1);
    if (digits.startsWith("44")) {
      // "+44 07700 ..." is a common slip; the trunk 0 is dropped, as a dialler would.
      const national = digits.charCodeAt(2) === 48 ? digits.slice(3) : digits.slice(2);
      return UK_NATIONAL.test(national) ? "+44" + national : null;
    }
    return E164_DIGITS.test(digits) ? s : null;
  }
  if (s.startsWith("0")) {
    const national = s.slice(1);
    return UK_NATIONAL.test(national) ? "+44" + national : null;
  }
  return null;
}

/** Longest title, first or last name accepted (the script reads them out). */
export const NAME_MAX_LENGTH = 100;
const NAME_CONTROL = /[\u0000-\u001f\u007f]/;

/** A title or name: on one line, at most NAME_MAX_LENGTH characters (already trimmed). */
export function isName(value: string): boolean {
  return value.length <= NAME_MAX_LENGTH && !NAME_CONTROL.test(value);
}

export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(value);
}

function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values.at(-1)}`;
}

/** The messages, one per kind of problem. `col` is the CSV column name. */
export const msg = {
  required: (col: string) => `${col}: a value is required`,
  clientRef: (col: string, v: string) => `${col}: ${show(v)} must be 1-64 characters of letters, digits, _ or -`,
  code: (col: string, v: string, allowed: readonly string[]) => `${col}: ${show(v)} is not a known code (use ${orList(allowed)})`,
  roleForService: (v: string, service: string, allowed: readonly string[]) => `role: ${show(v)} is not valid for service ${service} (use ${orList(allowed)})`,
  flag: (col: string, v: string) => `${col}: ${show(v)} must be Y or N`,
  date: (col: string, v: string) =>
    DATE_SHAPE.test(v) ? `${col}: ${show(v)} is not a real date (use YYYY-MM-DD)` : `${col}: ${show(v)} is not a date written YYYY-MM-DD`,
  phone: (col: string, v: string) => `${col}: ${masked(v)} is not a UK phone number (e.g. 07700 900123) or an international one starting with +`,
  email: (col: string, v: string) => `${col}: ${masked(v)} is not an email address`,
  // A name is never quoted, not even in part (issue 18).
  name: (col: string, v: string) =>
    v.length > NAME_MAX_LENGTH
      ? `${col}: the value is ${v.length.toLocaleString("en-GB")} characters long; the limit is ${NAME_MAX_LENGTH}`
      : `${col}: the value contains a line break, tab or other control character; write it on one line`,
};
