// The bytes the frame's parsers look at, and the byte order marks: one set for
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
