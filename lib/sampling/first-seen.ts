// "Which line did this client_ref first appear on?" for millions of refs in
// little memory. A Map<string, number> costs ~80 bytes a ref on the V8 heap
// (200 MB at 2.5 million rows, measured), against issue 6's 500 MB budget for the
// whole import; this open-addressing table keeps the ASCII bytes of each key in
// one arena and costs ~25 bytes a key, outside the heap.
//
// Keys must be ASCII (client_ref is [A-Za-z0-9_-], checked before it gets here).

export class FirstSeen {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private count = 0;
  /** Entry index + 1 per slot; 0 = empty. Capacity is a power of two. */
  private slots = new Int32Array(1 << 12);
  private starts = new Int32Array(1 << 11); // entry -> arena offset (entry i ends at starts[i + 1])
  private hashes = new Int32Array(1 << 11);
  private lines = new Int32Array(1 << 11);

  get size(): number {
    return this.count;
  }

  /** The line `key` was first added with, or undefined after adding it with `line`. */
  firstLine(key: string, line: number): number | undefined {
    const hash = fnv1a(key);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] - 1;
      if (entry === -1) {
        this.add(key, hash, line, slot);
        return undefined;
      }
      if (this.hashes[entry] === hash && this.equals(entry, key)) return this.lines[entry];
    }
  }

  private equals(entry: number, key: string): boolean {
    const start = this.starts[entry];
    const end = this.starts[entry + 1];
    if (end - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.arena[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private add(key: string, hash: number, line: number, slot: number): void {
    const entry = this.count;
    if (entry + 2 > this.starts.length) {
      this.starts = grow(this.starts, this.starts.length * 2);
      this.hashes = grow(this.hashes, this.starts.length);
      this.lines = grow(this.lines, this.starts.length);
    }
    if (this.used + key.length > this.arena.length) {
      this.arena = grow(this.arena, Math.max(this.arena.length * 2, this.used + key.length));
    }
    for (let i = 0; i < key.length; i++) this.arena[this.used + i] = key.charCodeAt(i);
    this.starts[entry] = this.used;
    this.used += key.length;
    this.starts[entry + 1] = this.used;
    this.hashes[entry] = hash;
    this.lines[entry] = line;
    this.slots[slot] = entry + 1;
    this.count++;
    if (this.count * 10 > this.slots.length * 7) this.rehash(); // keep the load under 0.7
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function grow<T extends Int32Array | Uint8Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0; // int32, as stored in `hashes`
}
