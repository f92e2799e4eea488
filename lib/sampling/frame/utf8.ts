// Decoding a frame file's bytes (issue 12): invalid bytes must be told apart
// from a real U+FFFD, which is valid UTF-8 and may sit in any x_ value. The
// decoder's own replacement is U+FFFD for both, so when the bytes are not valid
// UTF-8 each invalid byte is marked with a lone surrogate instead, which no
// valid UTF-8 decodes to.

import { isUtf8 } from "node:buffer";

/** Stands for one byte that is not part of valid UTF-8 in decoded text. */
export const INVALID_UTF8 = "\uDFFF";

/** The text of `bytes` (whole characters: cut at a line end or by utf8CompleteEnd), invalid bytes as INVALID_UTF8. */
export function decodeUtf8(bytes: Uint8Array, decoder: TextDecoder): string {
  const text = decoder.decode(bytes);
  if (!text.includes("\uFFFD") || isUtf8(bytes)) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += decoder.decode(bytes.subarray(from, i)) + INVALID_UTF8;
    from = ++i;
  }
  return out + decoder.decode(bytes.subarray(from));
}

/** The length of the valid UTF-8 sequence at bytes[i] (RFC 3629), 0 if none. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const ok1 = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok1 && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const ok1 = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok1 && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Where the last whole character of `bytes` ends: a character cut at the end waits for the next piece. */
export function utf8CompleteEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = bytes[n - k];
    if (c < 0x80) return n;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? n - k : n;
    }
  }
  return n;
}
