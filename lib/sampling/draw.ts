// One monthly draw from its eligible clients: seed, allocation, selection
// (methodology.md, Sampling; issue 6). The database layer works out the
// population, the waterfall and the eligible ids per stratum, calls this, and
// stores the seed, the allocation and the cases it returns.
// A preview is allocateSample() on the eligible counts alone.

import { allocateSample, type AllocationError, type AllocationRequest, type AllocationWarning, type StratumAllocation } from "./allocation";
import { resolveSeed, type SeedInput } from "./seed";
import { drawStratifiedSample, type SelectedCase, type StratumDraw } from "./select";

export interface DrawInput<Id> {
  /** Eligible clients per stratum, each list ordered by a stable key (e.g. client id). */
  strata: readonly { stratum: string; ids: readonly Id[] }[];
  allocation: AllocationRequest;
  /** Omitted: a random seed is made, and returned to be recorded. */
  seed?: SeedInput | null;
}

export type DrawResult<Id> =
  | {
      ok: true;
      seed: number;
      requested: number;
      drawn: number;
      shortfall: number;
      warnings: AllocationWarning[];
      allocation: StratumAllocation[];
      strata: StratumDraw[];
      cases: SelectedCase<Id>[];
    }
  | { ok: false; error: AllocationError };

export function drawSample<Id>(input: DrawInput<Id>): DrawResult<Id> {
  const seed = resolveSeed(input.seed);
  const allocation = allocateSample(
    input.strata.map((s) => ({ stratum: s.stratum, eligible: s.ids.length })),
    input.allocation,
  );
  if (!allocation.ok) return allocation;
  const sample = drawStratifiedSample(
    input.strata.map((s, i) => ({ stratum: s.stratum, ids: s.ids, size: allocation.strata[i].allocated })),
    seed,
  );
  return {
    ok: true,
    seed,
    requested: allocation.requested,
    drawn: allocation.allocated,
    shortfall: allocation.shortfall,
    warnings: allocation.warnings,
    allocation: allocation.strata,
    strata: sample.strata,
    cases: sample.cases,
  };
}
