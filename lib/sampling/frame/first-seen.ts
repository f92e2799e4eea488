// "Which line did this client_ref first appear on?" for millions of refs in
// little memory. A Map<string, number> costs ~80 bytes a ref on the V8 heap
// (200 MB at 2.5 million rows, measured), against issue 6's 500 MB budget for the
// whole import; this open-addressing table keeps the ASCII bytes of each key in
// one arena and costs ~30 bytes a key, outside the heap. Each slot holds its
// key's hash beside the entry, so a probe that misses reads one cache line
// rather than the entry (2.5 million lookups: 0.9 s before, ~0.3 s now).
//
// Keys must be ASCII (client_ref is [A-Za-z0-9_-], checked before it gets here).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class FirstSeen {
  private arena: Uint8Array;
  private used = 0;
  private count = 0;
  /** Pairs per slot: entry index + 1 (0 = empty), then the key's hash. Capacity is a power of two. */
  private slots: Int32Array;
  private starts: Int32Array; // entry -> arena offset (entry i ends at starts[i + 1])
  private lines: Int32Array;

  /** `entries`: the room to start with (a power of two). */
  constructor(entries = 1 << 11) {
    this.arena = new Uint8Array(entries * 32);
    this.slots = new Int32Array(entries * 4);
    this.starts = new Int32Array(entries);
    this.lines = new Int32Array(entries);
  }

  get size(): number {
    return this.count;
  }

  /** The line `key` was first added with, or undefined after adding it with `line`. */
  firstLine(key: string, line: number): number | undefined {
    let h = FNV_OFFSET;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
    const hash = mix(h);
    const mask = (this.slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2] - 1;
      if (entry === -1) {
        this.reserve(key.length);
        for (let i = 0; i < key.length; i++) this.arena[this.used + i] = key.charCodeAt(i);
        this.append(key.length, hash, line, slot);
        return undefined;
      }
      if (this.slots[slot * 2 + 1] === hash && this.equals(entry, key)) return this.lines[entry];
    }
  }

  /**
   * As firstLine, for the key `prefix` + buf[start, end) (ASCII bytes), read
   * straight from the import's COPY text. The same key as a string and as
   * bytes is the same key.
   */
  firstLineOfBytes(prefix: number, buf: Uint8Array, start: number, end: number, line: number): number | undefined {
    return this.lookupBytes(hashBytes(prefix, buf, start, end), prefix, buf, start, end, line);
  }

  /**
   * Reads the slots these hashes will probe first, so that the lookups after
   * find them in the CPU cache: independent reads overlap their cache misses,
   * a lookup (which may write) waits for each (measured: ~2x on 2.5M keys).
   */
  prefetch(hashes: Int32Array, n: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += slots[(hashes[i] & mask) * 2];
    return sum;
  }

  /** firstLineOfBytes with the key's hashBytes. */
  lookupBytes(hash: number, prefix: number, buf: Uint8Array, start: number, end: number, line: number): number | undefined {
    const length = end - start + 1;
    const mask = (this.slots.length >> 1) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot * 2] - 1;
      if (entry === -1) {
        this.reserve(length);
        const arena = this.arena;
        let w = this.used;
        arena[w++] = prefix;
        for (let i = start; i < end; i++) arena[w++] = buf[i];
        this.append(length, hash, line, slot);
        return undefined;
      }
      if (this.slots[slot * 2 + 1] === hash && this.equalsBytes(entry, prefix, buf, start, end)) return this.lines[entry];
    }
  }

  private equals(entry: number, key: string): boolean {
    const start = this.starts[entry];
    const end = this.starts[entry + 1];
    if (end - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.arena[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private equalsBytes(entry: number, prefix: number, buf: Uint8Array, start: number, end: number): boolean {
    const at = this.starts[entry];
    if (this.starts[entry + 1] - at !== end - start + 1 || this.arena[at] !== prefix) return false;
    for (let i = start; i < end; i++) if (this.arena[at + 1 + i - start] !== buf[i]) return false;
    return true;
  }

  /** Room for one more entry of `length` bytes. */
  private reserve(length: number): void {
    if (this.count + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.starts.length * 2);
      this.lines = grow(this.lines, this.starts.length);
    }
    if (this.used + length > this.arena.length) {
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, this.used + length));
    }
  }

  /** Records the entry whose `length` bytes were just written at this.used. */
  private append(length: number, hash: number, line: number, slot: number): void {
    const entry = this.count;
    this.starts[entry] = this.used;
    this.used += length;
    this.starts[entry + 1] = this.used;
    this.lines[entry] = line;
    this.slots[slot * 2] = entry + 1;
    this.slots[slot * 2 + 1] = hash;
    this.count++;
    if (this.count * 10 > (this.slots.length >> 1) * 7) this.rehash(); // keep the load under 0.7
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      let slot = old[i + 1] & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = old[i];
      slots[slot * 2 + 1] = old[i + 1];
    }
    this.slots = slots;
  }
}

/** The hash firstLine gives the key `prefix` + buf[start, end). */
export function hashBytes(prefix: number, buf: Uint8Array, start: number, end: number): number {
  let h = Math.imul(FNV_OFFSET ^ prefix, FNV_PRIME);
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], FNV_PRIME);
  return mix(h);
}

function grow<T extends Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/** FNV-1a's bits spread (murmur3's finaliser), so linear probing sees no runs. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
