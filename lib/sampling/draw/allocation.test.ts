import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateSample, type AllocationRequest, type StratumPopulation } from "./allocation";

const strata = (...eligible: number[]): StratumPopulation[] => eligible.map((n, i) => ({ stratum: `S${i + 1}`, eligible: n }));

function counts(pop: StratumPopulation[], request: AllocationRequest): number[] {
  const result = allocateSample(pop, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.strata.map((s) => s.allocated);
}

describe("proportional allocation", () => {
  it("is exact when shares are whole", () => {
    expect(counts(strata(500, 300, 200), { method: "proportional", size: 100 })).toEqual([50, 30, 20]);
  });

  it("rounds by largest remainder and sums exactly to the size", () => {
    // shares 33.33, 33.33, 33.33 -> one stratum gets the extra case: the larger... all equal, so S1 by key
    expect(counts(strata(100, 100, 100), { method: "proportional", size: 100 })).toEqual([34, 33, 33]);
    // shares 4.5, 3.5, 2 -> remainders .5 and .5 tie; the larger stratum (S1) gets it
    expect(counts(strata(450, 350, 200), { method: "proportional", size: 10 })).toEqual([5, 3, 2]);
  });

  it("breaks ties by eligible count, then by stratum key, whatever the input order", () => {
    const a = allocateSample(
      [
        { stratum: "b", eligible: 10 },
        { stratum: "a", eligible: 10 },
      ],
      { method: "proportional", size: 1 },
    );
    expect(a.ok && a.strata).toEqual([
      { stratum: "b", eligible: 10, allocated: 0 },
      { stratum: "a", eligible: 10, allocated: 1 },
    ]);
  });

  it("takes everyone and reports a shortfall when the size exceeds the eligible total", () => {
    const result = allocateSample(strata(5, 3), { method: "proportional", size: 20 });
    expect(result).toMatchObject({ ok: true, requested: 20, allocated: 8, shortfall: 12 });
    expect(result.ok && result.strata.map((s) => s.allocated)).toEqual([5, 3]);
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ code: "SHORTFALL", requested: 20, eligible: 8 })]);
  });

  it("takes everyone without a warning when the size equals the eligible total", () => {
    const result = allocateSample(strata(5, 3), { method: "proportional", size: 8 });
    expect(result).toMatchObject({ ok: true, allocated: 8, shortfall: 0, warnings: [] });
  });

  it("rejects a size that is not a whole number of at least 1", () => {
    for (const size of [0, -1, 2.5, Number.NaN]) {
      expect(allocateSample(strata(5), { method: "proportional", size })).toMatchObject({
        ok: false,
        error: { code: "INVALID_SIZE", field: "size" },
      });
    }
  });
});

describe("equal allocation", () => {
  it("gives each stratum the same number", () => {
    expect(counts(strata(1000, 500, 300), { method: "equal", size: 90 })).toEqual([30, 30, 30]);
  });

  it("caps small strata at their eligible count and shares the excess equally", () => {
    // 30 each wanted; S3 has 10, so its 20 go 10 and 10 to the others
    expect(counts(strata(1000, 500, 10), { method: "equal", size: 90 })).toEqual([40, 40, 10]);
    // S2 and S3 capped in turn
    expect(counts(strata(1000, 25, 10), { method: "equal", size: 90 })).toEqual([55, 25, 10]);
  });

  it("gives nothing to an empty stratum", () => {
    expect(counts(strata(100, 0, 100), { method: "equal", size: 10 })).toEqual([5, 0, 5]);
  });
});

describe("proportional allocation with a minimum per stratum", () => {
  it("lifts small strata to the minimum and scales the rest down", () => {
    // proportional would be 90.9, 4.5, 4.5; S2 and S3 lifted to 10, S1 keeps the other 80
    expect(counts(strata(2000, 100, 100), { method: "minimum", size: 100, minimum: 10 })).toEqual([80, 10, 10]);
  });

  it("leaves strata above the minimum proportional", () => {
    expect(counts(strata(500, 300, 200), { method: "minimum", size: 100, minimum: 5 })).toEqual([50, 30, 20]);
  });

  it("takes all of a stratum smaller than the minimum and warns", () => {
    const result = allocateSample(strata(1000, 3), { method: "minimum", size: 50, minimum: 10 });
    expect(result.ok && result.strata.map((s) => s.allocated)).toEqual([47, 3]);
    expect(result.ok && result.warnings).toEqual([expect.objectContaining({ code: "STRATUM_BELOW_MINIMUM", stratum: "S2", eligible: 3, minimum: 10 })]);
  });

  it("is an error when the minimums alone exceed the size, saying what would work", () => {
    const result = allocateSample(strata(100, 100, 100, 100), { method: "minimum", size: 30, minimum: 10 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: "MINIMUM_EXCEEDS_SIZE",
        field: "minimum",
        message:
          "A minimum of 10 per stratum needs 40 cases over 4 strata, more than the sample size of 30. " +
          "Lower the minimum to 7 or less, or raise the size to 40 or more.",
      },
    });
  });

  it("counts a small stratum's minimum as its eligible count", () => {
    // 10 + 10 + 2 = 22 <= 25: feasible although 3 x 10 > 25
    expect(counts(strata(100, 100, 2), { method: "minimum", size: 25, minimum: 10 })).toEqual([12, 11, 2]);
  });
});

describe("fixed allocation", () => {
  it("takes the sizes given", () => {
    const result = allocateSample(strata(100, 100), { method: "fixed", sizes: { S1: 10, S2: 20 } });
    expect(result).toMatchObject({ ok: true, requested: 30, allocated: 30, shortfall: 0, warnings: [] });
  });

  it("caps a size at the eligible count without redistributing, and warns", () => {
    const result = allocateSample(strata(100, 5), { method: "fixed", sizes: { S1: 10, S2: 20 } });
    expect(result.ok && result.strata.map((s) => s.allocated)).toEqual([10, 5]);
    expect(result).toMatchObject({ requested: 30, allocated: 15, shortfall: 15 });
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual(["FIXED_SIZE_CAPPED"]);
  });

  it("warns about strata without a size and sizes without a stratum", () => {
    const result = allocateSample(strata(100, 100), { method: "fixed", sizes: { S1: 10, S9: 5 } });
    expect(result.ok && result.strata.map((s) => s.allocated)).toEqual([10, 0]);
    expect(result.ok && result.warnings.map((w) => w.code).sort()).toEqual(["FIXED_STRATUM_NOT_IN_FRAME", "STRATUM_WITHOUT_FIXED_SIZE"]);
    expect(result).toMatchObject({ requested: 15, allocated: 10, shortfall: 5 });
  });

  it("rejects a size that is not a whole number", () => {
    expect(allocateSample(strata(100), { method: "fixed", sizes: { S1: -1 } })).toMatchObject({
      ok: false,
      error: { code: "INVALID_FIXED_SIZE" },
    });
  });
});

describe("allocation invariants (property tests)", () => {
  const population = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 100_000 })), { minLength: 1, maxLength: 40 })
    .map((eligible) => strata(...eligible));
  const methods = fc.oneof(
    fc.record({ method: fc.constant("proportional" as const), size: fc.integer({ min: 1, max: 50_000 }) }),
    fc.record({ method: fc.constant("equal" as const), size: fc.integer({ min: 1, max: 50_000 }) }),
    fc.record({
      method: fc.constant("minimum" as const),
      size: fc.integer({ min: 1, max: 50_000 }),
      minimum: fc.integer({ min: 0, max: 200 }),
    }),
  );

  it("sums to min(size, eligible), stays within 0..N_h, and meets the minimum", () => {
    fc.assert(
      fc.property(population, methods, (pop, request) => {
        const result = allocateSample(pop, request);
        const total = pop.reduce((a, s) => a + s.eligible, 0);
        const minimum = request.method === "minimum" ? request.minimum : 0;
        const needed = pop.reduce((a, s) => a + Math.min(minimum, s.eligible), 0);
        if (!result.ok) {
          expect(result.error.code).toBe("MINIMUM_EXCEEDS_SIZE");
          expect(needed).toBeGreaterThan(request.size);
          return;
        }
        expect(result.allocated).toBe(Math.min(request.size, total));
        expect(result.strata.reduce((a, s) => a + s.allocated, 0)).toBe(result.allocated);
        expect(result.shortfall).toBe(Math.max(0, request.size - total));
        for (const s of result.strata) {
          expect(Number.isInteger(s.allocated)).toBe(true);
          expect(s.allocated).toBeGreaterThanOrEqual(Math.min(minimum, s.eligible));
          expect(s.allocated).toBeLessThanOrEqual(s.eligible);
        }
      }),
    );
  });

  it("proportional: each stratum is within one of its exact share", () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 1, max: 50_000 }), (pop, size) => {
        const total = pop.reduce((a, s) => a + s.eligible, 0);
        fc.pre(size < total);
        const result = allocateSample(pop, { method: "proportional", size });
        if (!result.ok) throw new Error(result.error.message);
        for (const s of result.strata) {
          const share = (size * s.eligible) / total;
          expect(s.allocated).toBeGreaterThanOrEqual(Math.floor(share));
          expect(s.allocated).toBeLessThanOrEqual(Math.ceil(share));
        }
      }),
    );
  });

  it("equal: uncapped strata differ by at most one and capped ones are full", () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 1, max: 50_000 }), (pop, size) => {
        const result = allocateSample(pop, { method: "equal", size });
        if (!result.ok) throw new Error(result.error.message);
        const open = result.strata.filter((s) => s.allocated < s.eligible).map((s) => s.allocated);
        if (open.length === 0) return;
        expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
        const full = result.strata.filter((s) => s.allocated === s.eligible && s.eligible > 0);
        for (const s of full) expect(s.allocated).toBeLessThanOrEqual(Math.max(...open) + 1);
      }),
    );
  });

  it("does not depend on the order the strata are listed in", () => {
    fc.assert(
      fc.property(population, methods, fc.integer(), (pop, request, shift) => {
        const rotated = pop.map((_, i) => pop[(i + Math.abs(shift)) % pop.length]);
        const a = allocateSample(pop, request);
        const b = allocateSample(rotated, request);
        expect(a.ok).toBe(b.ok);
        if (!a.ok || !b.ok) return;
        const byKey = (r: typeof a) => Object.fromEntries(r.strata.map((s) => [s.stratum, s.allocated]));
        expect(byKey(b)).toEqual(byKey(a));
      }),
    );
  });
});
