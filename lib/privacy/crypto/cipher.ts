// Personal values sealed at rest (issue 17): the ciphertext formats and the
// two ways of making them. Pure (node:crypto only, no I/O), so the frame
// import's worker threads use it as the app does.
//
// Every sealed value names the data key that sealed it (keys.ts keeps the data
// keys, wrapped by the master key) and opens on its own:
//
//   [key id: u16 BE][format: u8][...]
//   format 1, CHUNK_CTR: [nonce: 12][first block: u32 BE][ciphertext]
//     AES-256-CTR. The frame import seals a whole chunk's values with ONE
//     keystream (one cipher per chunk, nonce random per chunk); each value
//     starts on a 16-byte block, so its counter is nonce || first block.
//     Per-value AES-GCM cost 8-13 µs a value (one cipher object each), the
//     keystream about 0.05 µs. No authentication tag: an HMAC per value was
//     measured at 2.6 µs (6.5 s of CPU for 2.5M rows, more than the import's
//     margin against `psql \copy`), so integrity of these values rests on who
//     may write to the database (the app's own account); confidentiality does not.
//   format 2, GCM: [iv: 12][tag: 16][ciphertext]
//     AES-256-GCM, one value at a time: everything written outside the import
//     (the outbox, a re-seal), where a few microseconds do not matter.

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const CHUNK_CTR = 1;
export const GCM = 2;
/** Bytes before a CHUNK_CTR value's ciphertext. */
export const CTR_HEADER = 2 + 1 + 12 + 4;
const GCM_HEADER = 2 + 1 + 12 + 16;

/** A data key in the clear, as this process holds it (never stored so). */
export interface DataKey {
  id: number;
  key: Uint8Array;
}

export class SealedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedValueError";
  }
}

/** The data key id a sealed value names. */
export function sealedKeyId(sealed: Uint8Array): number {
  if (sealed.length < 3) throw new SealedValueError("a sealed value is too short to name its key");
  return (sealed[0] << 8) | sealed[1];
}

// Keystream made 64 KB at a time (one update call), taken a value at a time.
const SEGMENT = 1 << 16;
const ZEROS = new Uint8Array(SEGMENT);
const BASE64 = Uint8Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) => c.charCodeAt(0));

/** Bytes of text (base64) a sealed value of `n` plain bytes takes. */
export const sealedTextLength = (n: number): number => 4 * Math.ceil((CTR_HEADER + n) / 3);

/**
 * One chunk's sealer (format CHUNK_CTR): one AES-256-CTR keystream, each value
 * sealed at the next block boundary. A chunk may seal at most 2^32 blocks (64 GB).
 */
export class ChunkSealer {
  private readonly cipher;
  private readonly header = new Uint8Array(CTR_HEADER);
  private stream: Uint8Array = new Uint8Array(0);
  /** The block number of stream[0], and the next unused byte of stream (a block boundary). */
  private streamBlock = 0;
  private at = 0;
  /** The block number take() last gave. */
  private block = 0;
  /** header[0, 15) (key id, format, nonce: the same for every value of the chunk) in base64. */
  private readonly headerText = new Uint8Array(20);

  constructor(key: DataKey, nonce: Uint8Array = randomBytes(12)) {
    if (key.key.length !== 32) throw new SealedValueError("a data key is 32 bytes");
    if (nonce.length !== 12) throw new SealedValueError("a chunk nonce is 12 bytes");
    const iv = new Uint8Array(16);
    iv.set(nonce);
    this.cipher = createCipheriv("aes-256-ctr", key.key, iv);
    this.header[0] = key.id >> 8;
    this.header[1] = key.id & 255;
    this.header[2] = CHUNK_CTR;
    this.header.set(nonce, 3);
    for (let i = 0, w = 0; i < 15; i += 3) w = base64Group(this.header[i], this.header[i + 1], this.header[i + 2], this.headerText, w);
  }

  /** Keystream for `n` bytes from the next block; returns where it starts in this.stream. */
  private take(n: number): number {
    if (this.at + n > this.stream.length) {
      // The rest of this segment is skipped (never used for anything).
      this.streamBlock += this.stream.length >> 4;
      const size = Math.max(SEGMENT, (n + 15) & ~15);
      this.stream = this.cipher.update(size === SEGMENT ? ZEROS : new Uint8Array(size));
      this.at = 0;
    }
    const start = this.at;
    this.at += (n + 15) & ~15;
    const block = this.streamBlock + (start >> 4);
    if (block > 0xffffffff) throw new SealedValueError("a chunk sealed more than 2^32 blocks");
    this.block = block;
    this.header[15] = block >>> 24;
    this.header[16] = (block >>> 16) & 255;
    this.header[17] = (block >>> 8) & 255;
    this.header[18] = block & 255;
    return start;
  }

  /** plain[0, n) sealed, as bytes. */
  seal(plain: Uint8Array, n = plain.length): Uint8Array {
    const s = this.take(n);
    const out = new Uint8Array(CTR_HEADER + n);
    out.set(this.header);
    const ks = this.stream;
    for (let i = 0; i < n; i++) out[CTR_HEADER + i] = plain[i] ^ ks[s + i];
    return out;
  }

  /**
   * plain[0, n) sealed, written at o[w] in base64 (as it is stored: text, which
   * COPY takes as it is; bytea's hex would make the import's COPY text a third
   * longer again); returns the new write position. o must have sealedTextLength(n) bytes free.
   */
  writeText(plain: Uint8Array, n: number, o: Uint8Array, w: number): number {
    // Written straight from the plain bytes and the keystream (issue 16: a
    // third less work than sealing into a scratch buffer, then encoding it):
    // the header's first 15 bytes are the chunk's, encoded once; then the
    // block number's first three bytes; then its last byte and the ciphertext.
    const s = this.take(n);
    const ks = this.stream;
    const block = this.block;
    const head = this.headerText;
    for (let i = 0; i < 20; i++) o[w++] = head[i];
    w = base64Group(block >>> 24, (block >>> 16) & 255, (block >>> 8) & 255, o, w);
    const last = block & 255;
    if (n < 2) {
      o[w++] = BASE64[last >>> 2];
      if (n === 0) {
        o[w++] = BASE64[(last & 3) << 4];
        o[w++] = 61; // =
      } else {
        const c = plain[0] ^ ks[s];
        o[w++] = BASE64[((last & 3) << 4) | (c >>> 4)];
        o[w++] = BASE64[(c & 15) << 2];
      }
      o[w++] = 61;
      return w;
    }
    w = base64Group(last, plain[0] ^ ks[s], plain[1] ^ ks[s + 1], o, w);
    let i = 2;
    for (; i + 3 <= n; i += 3) w = base64Group(plain[i] ^ ks[s + i], plain[i + 1] ^ ks[s + i + 1], plain[i + 2] ^ ks[s + i + 2], o, w);
    if (i < n) {
      const a = plain[i] ^ ks[s + i];
      const two = i + 1 < n;
      const b = two ? plain[i + 1] ^ ks[s + i + 1] : 0;
      o[w++] = BASE64[a >>> 2];
      o[w++] = BASE64[((a & 3) << 4) | (b >>> 4)];
      o[w++] = two ? BASE64[(b & 15) << 2] : 61; // =
      o[w++] = 61;
    }
    return w;
  }
}

/** Three bytes as four base64 characters at o[w]; returns the new write position. */
function base64Group(a: number, b: number, c: number, o: Uint8Array, w: number): number {
  const x = (a << 16) | (b << 8) | c;
  o[w] = BASE64[x >>> 18];
  o[w + 1] = BASE64[(x >>> 12) & 63];
  o[w + 2] = BASE64[(x >>> 6) & 63];
  o[w + 3] = BASE64[x & 63];
  return w + 4;
}

/** One value sealed on its own (format GCM). */
export function sealValue(plain: Uint8Array, key: DataKey): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const out = new Uint8Array(GCM_HEADER + body.length);
  out[0] = key.id >> 8;
  out[1] = key.id & 255;
  out[2] = GCM;
  out.set(iv, 3);
  out.set(cipher.getAuthTag(), 15);
  out.set(body, GCM_HEADER);
  return out;
}

/** A sealed value's plain bytes, with the data key it names (the caller looks it up: sealedKeyId). */
export function openValue(sealed: Uint8Array, key: DataKey): Buffer {
  const id = sealedKeyId(sealed);
  if (id !== key.id) throw new SealedValueError(`this value was sealed with data key ${id}, not ${key.id}`);
  if (sealed[2] === CHUNK_CTR) {
    if (sealed.length < CTR_HEADER) throw new SealedValueError("a sealed value is cut short");
    const iv = new Uint8Array(16);
    iv.set(sealed.subarray(3, 19));
    return createDecipheriv("aes-256-ctr", key.key, iv).update(sealed.subarray(CTR_HEADER));
  }
  if (sealed[2] === GCM) {
    if (sealed.length < GCM_HEADER) throw new SealedValueError("a sealed value is cut short");
    const decipher = createDecipheriv("aes-256-gcm", key.key, sealed.subarray(3, 15));
    decipher.setAuthTag(sealed.subarray(15, GCM_HEADER));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(GCM_HEADER)), decipher.final()]);
    } catch {
      throw new SealedValueError(`a value sealed with data key ${id} does not open: altered, or the key is not the one that sealed it`);
    }
  }
  throw new SealedValueError(`unknown sealed value format ${sealed[2]}`);
}
