// The import's byte fast path (issue 6): checks one CSV line straight from the
// file's bytes and writes its COPY text line (copy.ts), without building
// strings or a FrameRow. It only says yes to the plain case: printable ASCII, no
// quote, no backslash, no cell padded with spaces, every value valid. Anything
// else (including every row with a problem) returns -1 and goes through
// validateFrameRecord, which says what is wrong. So the fast path never decides
// an error message, and when it accepts a row it must write exactly what
// copyLine(validateFrameRecord(...)) would: fast.test.ts holds it to that.

import * as frameCodes from "../codes";
import * as fields from "../../privacy/crypto/fields";
import type { ChunkSealer } from "../../privacy/crypto/cipher";
import * as copy from "./copy";
import { ByteWriter } from "../../csv-stream/copy-text";
import type { FrameHeader } from "./header";
import * as row from "./row";
import * as fieldRules from "./field-rules";
import * as byteCodes from "../../csv-stream/bytes";

// Imported values copied into this module's own constants: where the code is
// loaded as CommonJS (a worker thread), each use of an imported binding is a
// getter call, which in the byte loops below costs more than the work.
const { AGE_BANDS, CONTACT_REASONS, GENDERS, PAYMENT_METHODS, ROLES_BY_SERVICE } = frameCodes;
const { packBytes, packLength } = fields;
const { personalTextBound } = copy;
const { COPY_COLUMNS } = row;
const { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } = fieldRules;
const { BACKSLASH, COMMA, F, LF, N, QUOTE, SPACE, T, TAB, Y, dateMonthKey } = byteCodes;

// The row's values in COPY order.
const SOURCE_COLUMNS = COPY_COLUMNS;

export interface FastLayout {
  columns: number;
  /** Position in the line of each SOURCE_COLUMNS value, -1 when the file has no such column. */
  at: Int32Array;
  /** Longer lines take the slow path (it checks the length limits). */
  maxLineBytes: number;
  starts: Int32Array;
  ends: Int32Array;
}

export function fastLayout(header: FrameHeader, maxFieldChars: number, maxRecordChars: number): FastLayout {
  const at = new Int32Array(SOURCE_COLUMNS.length);
  SOURCE_COLUMNS.forEach((c, i) => (at[i] = header.index[c]));
  const columns = header.names.length;
  return { columns, at, maxLineBytes: Math.min(maxFieldChars, maxRecordChars), starts: new Int32Array(columns), ends: new Int32Array(columns) };
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const codes = (list: readonly string[]) => list.map(ascii);
const CMS_ROLES = codes(ROLES_BY_SERVICE.CMS);
const OPTIONS_ROLES = codes(ROLES_BY_SERVICE.OPTIONS);
const REASONS = codes(CONTACT_REASONS);
const AGES = codes(AGE_BANDS);
const GENDER_CODES = codes(GENDERS);
const PAYMENTS = codes(PAYMENT_METHODS);
const CMS = ascii("CMS");
const OPTIONS = ascii("OPTIONS");

/** 0: plain printable ASCII; 1: a comma; 2: anything the fast path leaves to the slow one (controls, non-ASCII, quote, backslash). */
const BYTE_KIND = new Uint8Array(256).map((_, c) => (c === COMMA ? 1 : c < SPACE || c > 126 || c === QUOTE || c === BACKSLASH ? 2 : 0));

/** Whether buf[start, end) is `code`. */
function isCode1(buf: Uint8Array, start: number, end: number, code: Uint8Array): boolean {
  if (end - start !== code.length) return false;
  for (let i = 0; i < code.length; i++) if (buf[start + i] !== code[i]) return false;
  return true;
}

/** Whether buf[start, end) is one of `list`. */
function isCode(buf: Uint8Array, start: number, end: number, list: readonly Uint8Array[]): boolean {
  const length = end - start;
  outer: for (const code of list) {
    if (code.length !== length) continue;
    for (let i = 0; i < length; i++) if (buf[start + i] !== code[i]) continue outer;
    return true;
  }
  return false;
}

function isClientRef(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start < 1 || end - start > 64) return false;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    // 0-9, A-Z, a-z, _ and -
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** "t" for Y, "f" for N (as byte codes), -1 for anything else. */
function flag(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 1) return -1;
  return buf[start] === Y ? T : buf[start] === N ? F : -1;
}

function copyTab(buf: Uint8Array, start: number, end: number, o: Uint8Array, w: number): number {
  for (let i = start; i < end; i++) o[w++] = buf[i];
  o[w++] = TAB;
  return w;
}

function nullTab(o: Uint8Array, w: number): number {
  o[w++] = BACKSLASH;
  o[w++] = N;
  o[w++] = TAB;
  return w;
}

/** An optional code cell and its tab; returns the new write position, or -1. */
function optionalCode(buf: Uint8Array, k: number, starts: Int32Array, ends: Int32Array, list: readonly Uint8Array[], o: Uint8Array, w: number): number {
  if (k === -1 || starts[k] === ends[k]) return nullTab(o, w);
  if (!isCode(buf, starts[k], ends[k], list)) return -1;
  return copyTab(buf, starts[k], ends[k], o, w);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const PHONE = new Uint8Array(64);

/**
 * normalisePhone (field-rules.ts) on bytes: writes the E.164 number at o[w] and
 * returns the new position, or -1 when normalisePhone would say null or the
 * value is unusual ("(0)", long): fast.test.ts holds the two equal.
 */
export function writePhone(buf: Uint8Array, start: number, end: number, o: Uint8Array, w: number): number {
  // Drop the punctuation normalisePhone drops ([\s().-]; other white space never gets here).
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === 32 || c === 46 || c === 45 || c === 41) continue; // space . - )
    if (c === 40) {
      if (buf[i + 1] === 48 && buf[i + 2] === 41 && i + 2 < end) return -1; // "(0)": the slow path
      continue;
    }
    if (n === PHONE.length) return -1;
    PHONE[n++] = c;
  }
  let from = 0;
  let plus = false;
  if (n >= 2 && PHONE[0] === 48 && PHONE[1] === 48) {
    plus = true; // 00 -> +
    from = 2;
  } else if (n >= 1 && PHONE[0] === 43) {
    plus = true;
    from = 1;
  }
  for (let i = from; i < n; i++) if (!isDigit(PHONE[i])) return -1;
  let national: number;
  if (plus) {
    if (n - from >= 2 && PHONE[from] === 52 && PHONE[from + 1] === 52) {
      // +44, dropping a trunk 0 written after it
      national = PHONE[from + 2] === 48 && from + 2 < n ? from + 3 : from + 2;
    } else {
      // any other country: [1-9] and 6-14 more digits, as written
      const digits = n - from;
      if (digits < 7 || digits > 15 || PHONE[from] === 48) return -1;
      o[w++] = 43;
      for (let i = from; i < n; i++) o[w++] = PHONE[i];
      return w;
    }
  } else if (n >= 1 && PHONE[0] === 48) {
    national = 1;
  } else {
    return -1;
  }
  // UK: [1-9] and 8 or 9 more digits
  const digits = n - national;
  if (digits < 9 || digits > 10 || PHONE[national] === 48) return -1;
  o[w++] = 43;
  o[w++] = 52;
  o[w++] = 52;
  for (let i = national; i < n; i++) o[w++] = PHONE[i];
  return w;
}

/** isEmail (field-rules.ts: zod's email pattern, at most 254 characters) on bytes. */
export function isEmailBytes(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start > EMAIL_MAX_LENGTH) return false;
  const at = buf.indexOf(64, start); // @
  if (at === -1 || at >= end) return false;
  // Local part: dot-separated non-empty runs of [A-Za-z0-9_'+-], not ending in '.
  if (at === start || buf[at - 1] === 39) return false;
  let run = 0;
  for (let i = start; i < at; i++) {
    const c = buf[i];
    if (c === 46) {
      if (run === 0) return false;
      run = 0;
    } else if (isDigit(c) || isLetter(c) || c === 95 || c === 39 || c === 43 || c === 45) run++;
    else return false;
  }
  if (run === 0) return false;
  // Domain: labels of [A-Za-z0-9] then [A-Za-z0-9-]*, each followed by a dot, then 2+ letters.
  let lastDot = -1;
  run = 0;
  for (let i = at + 1; i < end; i++) {
    const c = buf[i];
    if (c === 46) {
      if (run === 0) return false;
      run = 0;
      lastDot = i;
    } else if (isDigit(c) || isLetter(c)) run++;
    else if (c === 45 && run > 0) run++;
    else return false;
  }
  if (lastDot === -1 || end - lastDot - 1 < 2) return false;
  for (let i = lastDot + 1; i < end; i++) if (!isLetter(buf[i])) return false;
  return true;
}

/**
 * Checks the line buf[start, end) (no line end) and appends its COPY line to
 * `out`. Returns the contact date's month key, or -1 (nothing written) when
 * the line is not the plain valid case.
 */
export function fastCopyRow(buf: Uint8Array, start: number, end: number, layout: FastLayout, out: ByteWriter, sealer: ChunkSealer): number {
  const month = fastSplit(buf, start, end, layout);
  return month >= 0 && fastWrite(buf, start, end, layout, out, sealer) ? month : -1;
}

/**
 * The first half of fastCopyRow: splits the line into layout.starts/ends and
 * returns its contact month (so the caller can choose where to write it), or -1.
 */
export function fastSplit(buf: Uint8Array, start: number, end: number, layout: FastLayout): number {
  if (end - start > layout.maxLineBytes) return -1;
  const { starts, ends, at } = layout;
  let n = 0;
  let fieldStart = start;
  for (let p = start; p < end; p++) {
    const kind = BYTE_KIND[buf[p]]; // one load and one test for most bytes
    if (kind === 0) continue;
    if (kind === 2) return -1;
    if (n === layout.columns) return -1;
    starts[n] = fieldStart;
    ends[n] = p;
    n++;
    fieldStart = p + 1;
  }
  if (n === layout.columns) return -1;
  starts[n] = fieldStart;
  ends[n] = end;
  if (n + 1 !== layout.columns) return -1;
  // Padded cells are trimmed by the slow path; leave them to it.
  for (let i = 0; i < at.length; i++) {
    const k = at[i];
    if (k === -1) continue;
    const s = starts[k];
    const e = ends[k];
    if (e > s && (buf[s] === SPACE || buf[e - 1] === SPACE)) return -1;
  }
  return dateMonthKey(buf, starts[at[4]], ends[at[4]]);
}

// A row's personal values packed (lib/privacy/crypto/fields.ts) before they are sealed.
const PERSONAL = new Uint8Array(2048);

/** The second half of fastCopyRow, after fastSplit: checks every value and writes the COPY line (personal values sealed by `sealer`), or returns false. */
export function fastWrite(buf: Uint8Array, start: number, end: number, layout: FastLayout, out: ByteWriter, sealer: ChunkSealer): boolean {
  const { starts, ends, at } = layout;
  out.ensure(end - start + 128 + personalTextBound(end - start));
  const o = out.buf;
  let w = out.length;
  let s: number;
  let e: number;

  // service, client_ref, role, contact_reason
  s = starts[at[0]];
  e = ends[at[0]];
  const roles = isCode1(buf, s, e, CMS) ? CMS_ROLES : isCode1(buf, s, e, OPTIONS) ? OPTIONS_ROLES : null;
  if (roles === null) return false;
  w = copyTab(buf, s, e, o, w);
  s = starts[at[1]];
  e = ends[at[1]];
  if (!isClientRef(buf, s, e)) return false;
  w = copyTab(buf, s, e, o, w);
  s = starts[at[2]];
  e = ends[at[2]];
  if (!isCode(buf, s, e, roles)) return false;
  w = copyTab(buf, s, e, o, w);
  s = starts[at[3]];
  e = ends[at[3]];
  if (!isCode(buf, s, e, REASONS)) return false;
  w = copyTab(buf, s, e, o, w);
  // contact_date
  s = starts[at[4]];
  e = ends[at[4]];
  w = copyTab(buf, s, e, o, w); // checked by fastSplit
  // four required flags
  for (let i = 5; i <= 8; i++) {
    const f = flag(buf, starts[at[i]], ends[at[i]]);
    if (f < 0) return false;
    o[w++] = f;
    o[w++] = TAB;
  }
  // phone (normalised to E.164) and email: packed for sealing, written at the end
  const p = PERSONAL;
  let q = 0;
  let hasPhone = false;
  let hasMobile = false;
  s = at[9] === -1 ? 0 : starts[at[9]];
  e = at[9] === -1 ? 0 : ends[at[9]];
  if (s === e) p[q++] = 0;
  else {
    const n = writePhone(buf, s, e, p, q + 1);
    if (n < 0) return false;
    packLength(n - q - 1, p, q); // a number is at most 16 bytes: a one-byte length
    hasPhone = true;
    // lib/cawi/channel.ts isUkMobile: +447 and 9 more digits (writePhone wrote digits only)
    hasMobile = n - q - 1 === 13 && p[q + 1] === 43 && p[q + 2] === 52 && p[q + 3] === 52 && p[q + 4] === 55;
    q = n;
  }
  s = at[10] === -1 ? 0 : starts[at[10]];
  e = at[10] === -1 ? 0 : ends[at[10]];
  const hasEmail = s !== e;
  if (!hasEmail) p[q++] = 0;
  else {
    if (!isEmailBytes(buf, s, e)) return false;
    q = packBytes(buf, s, e, p, q);
  }
  // do_not_contact: an empty cell (or no column) means N
  s = at[11] === -1 ? 0 : starts[at[11]];
  e = at[11] === -1 ? 0 : ends[at[11]];
  if (s === e) o[w++] = F;
  else {
    const f = flag(buf, s, e);
    if (f < 0) return false;
    o[w++] = f;
  }
  o[w++] = TAB;
  // age_band, gender
  w = optionalCode(buf, at[12], starts, ends, AGES, o, w);
  if (w < 0) return false;
  w = optionalCode(buf, at[13], starts, ends, GENDER_CODES, o, w);
  if (w < 0) return false;
  // service_start_date
  s = at[14] === -1 ? 0 : starts[at[14]];
  e = at[14] === -1 ? 0 : ends[at[14]];
  if (s === e) w = nullTab(o, w);
  else {
    if (dateMonthKey(buf, s, e) < 0) return false;
    w = copyTab(buf, s, e, o, w);
  }
  w = optionalCode(buf, at[15], starts, ends, PAYMENTS, o, w);
  if (w < 0) return false;
  // csa_closure_letter: an empty cell means not given (null)
  s = at[16] === -1 ? 0 : starts[at[16]];
  e = at[16] === -1 ? 0 : ends[at[16]];
  if (s === e) {
    o[w++] = BACKSLASH;
    o[w++] = N;
  } else {
    const f = flag(buf, s, e);
    if (f < 0) return false;
    o[w++] = f;
  }
  // title, first_name, last_name (issue 18): plain ASCII here (fastSplit left
  // the rest to the slow path), so only their length is checked.
  for (let i = 17; i <= 19; i++) {
    s = at[i] === -1 ? 0 : starts[at[i]];
    e = at[i] === -1 ? 0 : ends[at[i]];
    if (s === e) p[q++] = 0;
    else {
      if (e - s > NAME_MAX_LENGTH) return false;
      q = packBytes(buf, s, e, p, q);
    }
  }
  // has_phone, has_mobile, has_email, then the personal values sealed (issue 17)
  o[w++] = TAB;
  o[w++] = hasPhone ? T : F;
  o[w++] = TAB;
  o[w++] = hasMobile ? T : F;
  o[w++] = TAB;
  o[w++] = hasEmail ? T : F;
  o[w++] = TAB;
  if (q === 5) {
    // five nulls: nothing to seal
    o[w++] = BACKSLASH;
    o[w++] = N;
  } else w = sealer.writeText(p, q, o, w);
  o[w++] = LF;
  out.length = w;
  return true;
}
