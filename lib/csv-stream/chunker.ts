// Cuts a frame file's byte stream into chunks for parsing in parallel (issue 6):
// each chunk ends just after a line end that is outside quotes, counting quotes
// from the chunk's start (RFC 4180: a quote inside a quoted value is doubled, so
// the count's parity says whether a line end is inside a value). For a well-formed
// file every chunk then starts at a record; for a broken one (a stray quote) the
// parse notices and re-reads across the cut (parallel.ts), so a cut in the
// wrong place costs time, never correctness.

import { LF, QUOTE } from "./bytes";

/**
 * The position just after the last line end in buf[0, length) that is outside
 * quotes when counting from buf[0]; 0 when there is none.
 */
export function quoteBalancedEnd(buf: Uint8Array, length = buf.length): number {
  const firstQuote = buf.indexOf(QUOTE);
  const lastLf = buf.lastIndexOf(LF, length - 1);
  if (firstQuote === -1 || firstQuote >= length) return lastLf + 1;
  // Lines before the first quote are outside quotes whatever comes after.
  let cut = firstQuote === 0 ? 0 : buf.lastIndexOf(LF, firstQuote - 1) + 1;
  let inQuotes = false;
  for (let i = firstQuote; i < length; i++) {
    const c = buf[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === LF && !inQuotes) cut = i + 1;
  }
  return cut;
}

/**
 * Collects a stream's pieces into chunks of about `target` bytes, each cut at a
 * quote-balanced line end. A chunk with no such line end (a value of many
 * lines, or a quote never closed) is held until `limit` bytes and then given
 * whole. Each byte is scanned once while held (issue 12: a long value held to
 * the limit used to be scanned again at every piece).
 */
export class FrameChunker {
  private pieces: Uint8Array[] = [];
  private size = 0;
  /** Whether the held bytes end inside quotes, counting from the first held byte. */
  private inQuotes = false;
  /** quoteBalancedEnd of the held bytes. */
  private cut = 0;

  constructor(
    private readonly target: number,
    private readonly limit: number,
  ) {}

  /** Adds a piece; returns the chunks now complete (often none). */
  push(piece: Uint8Array): Buffer[] {
    if (piece.length === 0) return [];
    this.pieces.push(piece);
    this.scan(piece, this.size);
    this.size += piece.length;
    const chunks: Buffer[] = [];
    while (this.size >= this.target) {
      const cut = this.cut;
      if (cut === 0 && this.size < this.limit) break;
      const all = this.joined();
      const end = cut === 0 ? all.length : cut;
      chunks.push(all.subarray(0, end));
      const rest = all.subarray(end);
      this.pieces = rest.length > 0 ? [rest] : [];
      this.size = rest.length;
      // The rest is counted from its own start, as the next chunk will be parsed.
      this.inQuotes = false;
      this.cut = 0;
      if (rest.length > 0) this.scan(rest, 0);
      if (cut === 0 || this.size < this.target) break;
    }
    return chunks;
  }

  /** What is left at the end of the stream (possibly empty). */
  end(): Buffer {
    const rest = this.joined();
    this.pieces = [];
    this.size = 0;
    this.inQuotes = false;
    this.cut = 0;
    return rest;
  }

  /** Carries the quote count over `piece`, held from byte `at`. */
  private scan(piece: Uint8Array, at: number): void {
    const buf = Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    let inQuotes = this.inQuotes;
    for (let i = 0; ;) {
      const quote = buf.indexOf(QUOTE, i);
      if (!inQuotes) {
        // Outside quotes up to the next quote: its last line end is a cut.
        const stop = quote === -1 ? buf.length : quote;
        if (stop > i) {
          const lf = buf.lastIndexOf(LF, stop - 1);
          if (lf >= i) this.cut = at + lf + 1;
        }
      }
      if (quote === -1) break;
      inQuotes = !inQuotes;
      i = quote + 1;
    }
    this.inQuotes = inQuotes;
  }

  private joined(): Buffer {
    if (this.pieces.length === 1 && Buffer.isBuffer(this.pieces[0])) return this.pieces[0];
    const all = Buffer.concat(this.pieces, this.size);
    this.pieces = [all];
    return all;
  }
}
