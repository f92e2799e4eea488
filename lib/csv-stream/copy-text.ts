// PostgreSQL COPY text (tab-separated, \N for null, backslash escapes): the
// escaping of one value and a growable byte buffer, for every streamed import
// (the frame's, lib/sampling/frame/copy.ts; the responses', lib/results).

const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A value as a COPY text field (null as \\N). */
export const copyText = (v: string | null): string =>
  v === null ? "\\N" : NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;

/** A growable byte buffer for COPY text. */
export class ByteWriter {
  buf: Uint8Array;
  length = 0;
  private static encoder = new TextEncoder();

  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Writes text (any Unicode) as UTF-8. */
  string(s: string): void {
    this.ensure(s.length * 3);
    this.length += ByteWriter.encoder.encodeInto(s, this.buf.subarray(this.length)).written;
  }

  bytes(src: Uint8Array, start: number, end: number): void {
    this.ensure(end - start);
    this.buf.set(src.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** The bytes written, copied into a buffer of their own (transferable). */
  take(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
