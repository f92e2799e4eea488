// Seeds of sample draws (methodology.md: "A draw is reproducible from its seed").
// A seed is a 32-bit unsigned integer; people may type a number or any text.

import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

export type SeedInput = number | string;

const MAX_SEED = 0xffffffff;

/**
 * The draw's seed: the number given, a text hashed to a number ("12345" is the
 * number 12345, so the CLI and the form agree), or a fresh random one when none
 * is given. Always record the result with the sample.
 */
export function resolveSeed(seed?: SeedInput | null, random: () => number = randomSeed): number {
  if (seed === undefined || seed === null || (typeof seed === "string" && seed.trim() === "")) return random();
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`a seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}`);
    }
    return seed;
  }
  const text = seed.trim();
  if (/^\d{1,10}$/.test(text) && Number(text) <= MAX_SEED) return Number(text);
  return hash32(text);
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

/** A well-mixed 32-bit hash of text (FNV-1a over UTF-16 code units, then murmur3's finaliser). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The one seeded generator of lib/sampling (the draw's strata, the synthetic
 * frame, the test corpus): pure-rand's xoroshiro128plus. xoroshiro128plus(s)
 * starts from a state built directly from s (its first output is ~s); a few
 * steps mix the state before it is used.
 */
export function seededGenerator(seed: number): RandomGenerator {
  const rng = xoroshiro128plus(seed | 0);
  for (let i = 0; i < 16; i++) rng.next();
  return rng;
}

/** Uniform numbers in [0, 1) from seededGenerator(seed). */
export function seededUnit(seed: number): () => number {
  const rng = seededGenerator(seed);
  return () => (rng.next() >>> 0) / 4294967296;
}
