// The bytes the parsers (frame and responses) look at, the byte order marks and a date read from bytes: one set for
// the splitter, the chunker, the fast path and the COPY writer.

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const COMMA = 44;
export const BACKSLASH = 92;
export const N = 78; // "N"
export const Y = 89; // "Y"
export const F = 102; // "f"
export const T = 116; // "t"

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** A UTF-16 byte order mark (either byte order) at the start of the file. */
export function isUtf16(data: Uint8Array): boolean {
  return data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
}

export const UTF16_MESSAGE = 'the file is UTF-16 text; save it as "CSV UTF-8" and import it again';

/** year * 12 + month - 1 of a real YYYY-MM-DD date in buf[start, end), or -1. */
export function dateMonthKey(buf: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || buf[start + 4] !== 45 || buf[start + 7] !== 45) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = buf[start + i] - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  if (year < 1) return -1; // no year 0000 (as isRealDate)
  const m1 = buf[start + 5] - 48;
  const m2 = buf[start + 6] - 48;
  const d1 = buf[start + 8] - 48;
  const d2 = buf[start + 9] - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return -1;
  const days =
    month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days ? year * 12 + month - 1 : -1;
}
