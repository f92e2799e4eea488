// A row's personal values as one plain byte string (sealed as one value, so a
// frame row carries one header and one ciphertext, not five): each value is a
// length then its UTF-8 bytes. Length byte 0: null; 1-254: length - 1 (0-253
// bytes); 255: a u16 BE length follows.

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The most bytes packing `values` can take (for the byte writers). */
export const packedBound = (bytes: number, count: number): number => bytes + 3 * count;

/** Appends one value's length prefix for `n` bytes at p[q]; returns the new position. */
export function packLength(n: number, p: Uint8Array, q: number): number {
  if (n < 254) p[q++] = n + 1;
  else {
    p[q++] = 255;
    p[q++] = n >> 8;
    p[q++] = n & 255;
  }
  return q;
}

/** Appends buf[start, end) as one value at p[q]; returns the new position. */
export function packBytes(buf: Uint8Array, start: number, end: number, p: Uint8Array, q: number): number {
  q = packLength(end - start, p, q);
  for (let i = start; i < end; i++) p[q++] = buf[i];
  return q;
}

export function packFields(values: readonly (string | null)[]): Uint8Array {
  const parts = values.map((v) => (v === null ? null : encoder.encode(v)));
  const p = new Uint8Array(
    packedBound(
      parts.reduce((n, b) => n + (b?.length ?? 0), 0),
      parts.length,
    ),
  );
  let q = 0;
  for (const b of parts) {
    if (b === null) p[q++] = 0;
    else q = packBytes(b, 0, b.length, p, q);
  }
  return p.slice(0, q);
}

export function unpackFields(p: Uint8Array, count: number): (string | null)[] {
  const values: (string | null)[] = [];
  let q = 0;
  for (let i = 0; i < count; i++) {
    if (q >= p.length) throw new Error("packed personal values are cut short");
    const b = p[q++];
    if (b === 0) {
      values.push(null);
      continue;
    }
    let n = b - 1;
    if (b === 255) {
      n = (p[q] << 8) | p[q + 1];
      q += 2;
    }
    if (q + n > p.length) throw new Error("packed personal values are cut short");
    values.push(decoder.decode(p.subarray(q, q + n)));
    q += n;
  }
  return values;
}
