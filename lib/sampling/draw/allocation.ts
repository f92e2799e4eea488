// Allocation of a sample size over strata (methodology.md, Sampling: "fixed
// sizes, or proportional to stratum population, or a total with a minimum per
// stratum"; issue 6 adds equal). Pure and deterministic.
//
// Rules:
// - Proportional, equal and minimum allocations sum exactly to the requested
//   size, by largest remainders. Ties go to the stratum with more eligible
//   clients, then to the stratum key in code-point order.
// - No stratum gets more than its eligible count; what it cannot take goes to
//   the others in proportion to their shares (for equal allocation, equally).
// - Asking for more than the eligible total takes everyone and reports a
//   SHORTFALL warning; it is not an error (the month may simply be small).
// - Fixed sizes are taken as given, capped at each stratum's eligible count and
//   not redistributed (the person chose those numbers); caps are warnings.
// - Minimum per stratum: each stratum gets at least min(minimum, eligible), the
//   rest follows proportional shares. If the minimums alone need more than the
//   size, that is an error saying which minimum or size would work.

export interface StratumPopulation {
  stratum: string;
  /** N_h: clients in the stratum left after the exclusion waterfall. */
  eligible: number;
}

export interface StratumAllocation extends StratumPopulation {
  /** n_h */
  allocated: number;
}

export type AllocationRequest =
  | { method: "proportional"; size: number }
  | { method: "equal"; size: number }
  | { method: "minimum"; size: number; minimum: number }
  | { method: "fixed"; sizes: Readonly<Record<string, number>> };

export type AllocationWarning =
  | { code: "SHORTFALL"; requested: number; eligible: number; message: string }
  | { code: "STRATUM_BELOW_MINIMUM"; stratum: string; eligible: number; minimum: number; message: string }
  | { code: "FIXED_SIZE_CAPPED"; stratum: string; requested: number; eligible: number; message: string }
  | { code: "FIXED_STRATUM_NOT_IN_FRAME"; stratum: string; message: string }
  | { code: "STRATUM_WITHOUT_FIXED_SIZE"; stratum: string; eligible: number; message: string };

export interface AllocationError {
  code: "INVALID_SIZE" | "INVALID_MINIMUM" | "MINIMUM_EXCEEDS_SIZE" | "INVALID_FIXED_SIZE";
  /** The input to correct, for a form: size, minimum or sizes. */
  field: "size" | "minimum" | "sizes";
  message: string;
}

export type AllocationResult =
  | {
      ok: true;
      /** In the order the strata were given. */
      strata: StratumAllocation[];
      requested: number;
      allocated: number;
      /** requested - allocated when there were not enough eligible clients. */
      shortfall: number;
      warnings: AllocationWarning[];
    }
  | { ok: false; error: AllocationError };

const fmt = (n: number) => n.toLocaleString("en-GB");
const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

export function allocateSample(strata: readonly StratumPopulation[], request: AllocationRequest): AllocationResult {
  const keys = new Set<string>();
  for (const s of strata) {
    if (!isCount(s.eligible)) throw new Error(`eligible count of ${s.stratum} is not a whole number >= 0`);
    if (keys.has(s.stratum)) throw new Error(`stratum ${s.stratum} is listed twice`);
    keys.add(s.stratum);
  }
  if (request.method === "fixed") return allocateFixed(strata, request.sizes);

  const { size } = request;
  if (!isCount(size) || size < 1) {
    return fail("INVALID_SIZE", "size", "The sample size must be a whole number of at least 1.");
  }
  const minimum = request.method === "minimum" ? request.minimum : 0;
  if (!isCount(minimum)) {
    return fail("INVALID_MINIMUM", "minimum", "The minimum per stratum must be a whole number of 0 or more.");
  }
  const warnings: AllocationWarning[] = [];
  if (minimum > 0) {
    for (const s of strata) {
      if (s.eligible < minimum) {
        warnings.push({
          code: "STRATUM_BELOW_MINIMUM",
          stratum: s.stratum,
          eligible: s.eligible,
          minimum,
          message: `Stratum ${s.stratum} has ${fmt(s.eligible)} eligible, fewer than the minimum of ${fmt(minimum)}; all of them are taken.`,
        });
      }
    }
  }

  const total = strata.reduce((sum, s) => sum + s.eligible, 0);
  if (size >= total) {
    // methodology.md gives no rule; ours: take everyone and say how many are missing.
    if (size > total) {
      warnings.push({
        code: "SHORTFALL",
        requested: size,
        eligible: total,
        message: `Only ${fmt(total)} clients are eligible, fewer than the ${fmt(size)} requested; all of them are drawn.`,
      });
    }
    const all = strata.map((s) => ({ ...s, allocated: s.eligible }));
    return { ok: true, strata: all, requested: size, allocated: total, shortfall: size - total, warnings };
  }

  const floors = strata.map((s) => Math.min(minimum, s.eligible));
  const needed = floors.reduce((a, b) => a + b, 0);
  if (needed > size) {
    const workable = largestWorkableMinimum(strata, size, minimum);
    return fail(
      "MINIMUM_EXCEEDS_SIZE",
      "minimum",
      `A minimum of ${fmt(minimum)} per stratum needs ${fmt(needed)} cases over ${fmt(strata.length)} strata, ` +
        `more than the sample size of ${fmt(size)}. Lower the minimum to ${fmt(workable)} or less, ` +
        `or raise the size to ${fmt(needed)} or more.`,
    );
  }

  const items = strata.map((s, i) => ({
    weight: request.method === "equal" ? (s.eligible > 0 ? 1 : 0) : s.eligible,
    lo: floors[i],
    hi: s.eligible,
  }));
  const counts = apportion(size, items, tieOrder(strata));
  const result = strata.map((s, i) => ({ ...s, allocated: counts[i] }));
  return { ok: true, strata: result, requested: size, allocated: size, shortfall: 0, warnings };
}

function allocateFixed(strata: readonly StratumPopulation[], sizes: Readonly<Record<string, number>>): AllocationResult {
  const warnings: AllocationWarning[] = [];
  for (const [stratum, n] of Object.entries(sizes)) {
    if (!isCount(n)) {
      return fail("INVALID_FIXED_SIZE", "sizes", `The size for stratum ${stratum} must be a whole number of 0 or more.`);
    }
  }
  const known = new Set(strata.map((s) => s.stratum));
  for (const stratum of Object.keys(sizes)) {
    if (!known.has(stratum)) {
      warnings.push({
        code: "FIXED_STRATUM_NOT_IN_FRAME",
        stratum,
        message: `Stratum ${stratum} has a size but no eligible clients this month; nothing is drawn for it.`,
      });
    }
  }
  let requested = 0;
  const result = strata.map((s) => {
    const asked = Object.hasOwn(sizes, s.stratum) ? sizes[s.stratum] : undefined;
    if (asked === undefined) {
      if (s.eligible > 0) {
        warnings.push({
          code: "STRATUM_WITHOUT_FIXED_SIZE",
          stratum: s.stratum,
          eligible: s.eligible,
          message: `Stratum ${s.stratum} has ${fmt(s.eligible)} eligible but no size; nothing is drawn from it.`,
        });
      }
      return { ...s, allocated: 0 };
    }
    requested += asked;
    if (asked > s.eligible) {
      warnings.push({
        code: "FIXED_SIZE_CAPPED",
        stratum: s.stratum,
        requested: asked,
        eligible: s.eligible,
        message: `Stratum ${s.stratum} has ${fmt(s.eligible)} eligible, fewer than the ${fmt(asked)} asked for; all of them are drawn.`,
      });
    }
    return { ...s, allocated: Math.min(asked, s.eligible) };
  });
  for (const [stratum, n] of Object.entries(sizes)) if (!known.has(stratum)) requested += n;
  const allocated = result.reduce((sum, s) => sum + s.allocated, 0);
  return { ok: true, strata: result, requested, allocated, shortfall: requested - allocated, warnings };
}

function fail(code: AllocationError["code"], field: AllocationError["field"], message: string): AllocationResult {
  return { ok: false, error: { code, field, message } };
}

/** The largest minimum whose floors still fit in the size. */
function largestWorkableMinimum(strata: readonly StratumPopulation[], size: number, upTo: number): number {
  let lo = 0;
  let hi = upTo;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const need = strata.reduce((sum, s) => sum + Math.min(mid, s.eligible), 0);
    if (need <= size) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Rank of each stratum when remainders tie: more eligible first, then key. */
function tieOrder(strata: readonly StratumPopulation[]): number[] {
  const order = strata
    .map((s, i) => i)
    .sort((a, b) => {
      const d = strata[b].eligible - strata[a].eligible;
      if (d !== 0) return d;
      const ka = strata[a].stratum;
      const kb = strata[b].stratum;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const rank = new Array<number>(strata.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

interface Item {
  weight: number;
  lo: number;
  hi: number;
}

/**
 * Integers x_h with sum n, lo_h <= x_h <= hi_h, closest to the capped shares
 * clamp(λ·w_h, lo_h, hi_h) (λ chosen so the shares sum to n), rounded by largest
 * remainder. Exact rational arithmetic (BigInt), so no float decides a tie.
 * Requires sum(lo) <= n <= sum(hi).
 */
export function apportion(n: number, items: readonly Item[], rank: readonly number[]): number[] {
  const N = BigInt(n);
  const w = items.map((it) => BigInt(it.weight));
  const lo = items.map((it) => BigInt(it.lo));
  const hi = items.map((it) => BigInt(it.hi));
  const clamp = (v: bigint, a: bigint, b: bigint) => (v < a ? a : v > b ? b : v);

  // λ where some share meets its floor or cap, as fractions p/q, ascending.
  const points: [bigint, bigint][] = [[0n, 1n]];
  items.forEach((_, h) => {
    if (w[h] > 0n) points.push([lo[h], w[h]], [hi[h], w[h]]);
  });
  points.sort(([a, b], [c, d]) => (a * d < c * b ? -1 : a * d > c * b ? 1 : 0));
  // q·S(p/q), the sum of shares at λ = p/q, scaled to stay whole.
  const scaledSum = ([p, q]: [bigint, bigint]) => items.reduce((sum, _, h) => sum + (w[h] > 0n ? clamp(p * w[h], lo[h] * q, hi[h] * q) : lo[h] * q), 0n);

  // The last point where the shares do not yet exceed n.
  let k = 0;
  while (k + 1 < points.length && scaledSum(points[k + 1]) <= N * points[k + 1][1]) k++;
  const [p, q] = points[k];

  let numerators: bigint[];
  let denominator: bigint;
  if (scaledSum(points[k]) === N * q) {
    denominator = q;
    numerators = items.map((_, h) => (w[h] > 0n ? clamp(p * w[h], lo[h] * q, hi[h] * q) : lo[h] * q));
  } else {
    // Between points k and k+1 each share is pinned at lo, pinned at hi, or free (λ·w_h).
    const [p2, q2] = points[k + 1];
    const state = items.map((_, h) => {
      if (w[h] === 0n || lo[h] * q2 >= p2 * w[h]) return "lo";
      if (hi[h] * q <= p * w[h]) return "hi";
      return "free";
    });
    let rest = N;
    let freeWeight = 0n;
    state.forEach((s, h) => {
      if (s === "lo") rest -= lo[h];
      else if (s === "hi") rest -= hi[h];
      else freeWeight += w[h];
    });
    denominator = freeWeight;
    numerators = state.map((s, h) => (s === "lo" ? lo[h] * freeWeight : s === "hi" ? hi[h] * freeWeight : rest * w[h]));
  }

  const counts = numerators.map((num) => Number(num / denominator));
  let missing = n - counts.reduce((a, b) => a + b, 0);
  const byRemainder = items
    .map((_, h) => h)
    .filter((h) => numerators[h] % denominator !== 0n)
    .sort((a, b) => {
      const ra = numerators[a] % denominator;
      const rb = numerators[b] % denominator;
      return ra > rb ? -1 : ra < rb ? 1 : rank[a] - rank[b];
    });
  for (const h of byRemainder) {
    if (missing === 0) break;
    counts[h]++;
    missing--;
  }
  return counts;
}
