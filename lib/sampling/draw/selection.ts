// Stratified simple random sampling without replacement (methodology.md,
// Sampling), reproducible from a seed.
//
// - Each stratum draws from its own generator, seeded from (draw seed, stratum
//   key), so one stratum's selection does not depend on which other strata exist
//   or in what order they come.
// - Within a stratum: a partial Fisher-Yates shuffle of positions 0..N_h-1 with
//   pure-rand's xoroshiro128plus and its unbiased uniformInt; the first n_h
//   positions are the sample, in the order drawn (a random order, usable as the
//   order to release cases to fieldwork).
// - Same seed + same ids in the same order -> same sample. The caller must order
//   ids by a stable key (e.g. ORDER BY client id); database row order is not one.
// - Design weight N_h / n_h on every selected case.

import { uniformInt } from "pure-rand/distribution/uniformInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import { hash32, seededGenerator } from "./seed";

export interface StratumFrame<Id> {
  stratum: string;
  /** The eligible clients of the stratum, ordered by a stable key. */
  ids: readonly Id[];
  /** n_h, at most ids.length (from allocateSample). */
  size: number;
}

export interface SelectedCase<Id> {
  id: Id;
  stratum: string;
  /** Design weight N_h / n_h. */
  weight: number;
}

export interface StratumDraw {
  stratum: string;
  eligible: number;
  drawn: number;
  /** N_h / n_h, or null when nothing was drawn. */
  weight: number | null;
}

export interface StratifiedSample<Id> {
  seed: number;
  /** Strata in the order given; within a stratum, in the order drawn. */
  cases: SelectedCase<Id>[];
  strata: StratumDraw[];
}

export function drawStratifiedSample<Id>(strata: readonly StratumFrame<Id>[], seed: number): StratifiedSample<Id> {
  const cases: SelectedCase<Id>[] = [];
  const summary: StratumDraw[] = [];
  for (const { stratum, ids, size } of strata) {
    const eligible = ids.length;
    if (!Number.isSafeInteger(size) || size < 0 || size > eligible) {
      throw new RangeError(`stratum ${stratum}: cannot draw ${size} from ${eligible} eligible`);
    }
    const weight = size > 0 ? eligible / size : null;
    for (const position of samplePositions(eligible, size, stratumRng(seed, stratum))) {
      cases.push({ id: ids[position], stratum, weight: weight as number });
    }
    summary.push({ stratum, eligible, drawn: size, weight });
  }
  return { seed, cases, strata: summary };
}

/** The generator for one stratum of one draw. */
export function stratumRng(seed: number, stratum: string): RandomGenerator {
  return seededGenerator(hash32(`${seed >>> 0}|${stratum}`));
}

/**
 * n distinct positions from 0..count-1, uniformly at random, in the order drawn
 * (partial Fisher-Yates: O(count) memory to set up, O(n) draws).
 */
export function samplePositions(count: number, n: number, rng: RandomGenerator): Uint32Array {
  const positions = new Uint32Array(count);
  for (let i = 0; i < count; i++) positions[i] = i;
  for (let i = 0; i < n; i++) {
    const j = uniformInt(rng, i, count - 1);
    const chosen = positions[j];
    positions[j] = positions[i];
    positions[i] = chosen;
  }
  return positions.subarray(0, n);
}
