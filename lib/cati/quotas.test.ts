import { describe, expect, it } from "vitest";
import { achieved, quotaCellStatus, quotaDelta, spreadQuotaTargets, stillNeeded } from "./quotas";

describe("quota cells", () => {
  const cell = { target: 10, completes: 8, partials: 3, closed: false };

  it("counts partials only when the quota says so", () => {
    expect(achieved(cell, false)).toBe(8);
    expect(achieved(cell, true)).toBe(11);
    expect(quotaCellStatus(cell, false)).toBe("OPEN");
    expect(quotaCellStatus(cell, true)).toBe("FULL");
    expect(stillNeeded(cell, false)).toBe(2);
    expect(stillNeeded(cell, true)).toBe(0);
  });

  it("is full exactly at its target, and closed by a supervisor whatever the counts", () => {
    expect(quotaCellStatus({ ...cell, completes: 9 }, false)).toBe("OPEN");
    expect(quotaCellStatus({ ...cell, completes: 10 }, false)).toBe("FULL");
    expect(quotaCellStatus({ ...cell, target: 0, completes: 0 }, false)).toBe("FULL");
    expect(quotaCellStatus({ ...cell, completes: 0, closed: true }, false)).toBe("CLOSED");
  });

  it("moves counts with a case's disposition: a partial that completes leaves the partials", () => {
    expect(quotaDelta("3.11", "1.1")).toEqual({ completes: 1, partials: 0 });
    expect(quotaDelta("3.11", "1.2")).toEqual({ completes: 0, partials: 1 });
    expect(quotaDelta("1.2", "1.1")).toEqual({ completes: 1, partials: -1 });
    expect(quotaDelta("1.2", "4.70")).toEqual({ completes: 0, partials: -1 });
    expect(quotaDelta("3.13", "2.111")).toEqual({ completes: 0, partials: 0 });
    expect(quotaDelta("1.1", "1.1")).toEqual({ completes: 0, partials: 0 });
  });

  it("spreads a total target over cells in proportion to their cases, summing exactly and capped at a cell's cases", () => {
    const cells = [
      { stratum: "A", drawn: 500 },
      { stratum: "B", drawn: 300 },
      { stratum: "C", drawn: 200 },
    ];
    const p = spreadQuotaTargets(cells, 101, "proportional");
    expect(p.ok && [...p.targets.values()]).toEqual([51, 30, 20]);
    const e = spreadQuotaTargets(
      [
        { stratum: "A", drawn: 500 },
        { stratum: "B", drawn: 5 },
      ],
      100,
      "equal",
    );
    // B has only 5 cases; A takes the rest
    expect(e.ok && Object.fromEntries(e.targets)).toEqual({ A: 95, B: 5 });
    const short = spreadQuotaTargets([{ stratum: "A", drawn: 3 }], 10, "proportional");
    expect(short.ok && short.shortfall).toBe(7);
    expect(spreadQuotaTargets(cells, 0, "proportional")).toMatchObject({ ok: false });
  });
});
