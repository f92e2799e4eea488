import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readFrame } from "./parse";
import { generateFrameCsv } from "./generate";
import { buildWaterfall } from "../draw/waterfall";

describe("generateFrameCsv", () => {
  it("is deterministic for a seed", () => {
    expect(generateFrameCsv({ rows: 50, seed: 1 })).toBe(generateFrameCsv({ rows: 50, seed: 1 }));
    expect(generateFrameCsv({ rows: 50, seed: 2 })).not.toBe(generateFrameCsv({ rows: 50, seed: 1 }));
  });

  it("makes a valid frame with a realistic mix, including clients each rule excludes", async () => {
    const csv = generateFrameCsv({ rows: 5_000, seed: 3 });
    const { rows, errors } = await readFrame(Readable.from([Buffer.from(csv)]));
    expect(errors).toEqual([]);
    expect(rows.length).toBe(5_000);
    const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length / rows.length;
    expect(share((r) => r.service === "CMS")).toBeCloseTo(0.7, 1);
    expect(new Set(rows.map((r) => r.contactDate.slice(0, 7))).size).toBe(12);
    expect(new Set(rows.map((r) => r.role)).size).toBe(5);
    expect(rows.every((r) => r.serviceStartDate === null || r.serviceStartDate <= r.contactDate)).toBe(true);
    const waterfall = buildWaterfall(
      rows.map((r) => ({ ...r, surveyedRecently: false })),
      "PHONE",
    );
    for (const step of waterfall.steps.filter((s) => s.rule !== "POPULATION" && s.rule !== "SURVEYED_IN_LAST_SIX_MONTHS")) {
      expect(step.excluded).toBeGreaterThan(0);
    }
    expect(waterfall.eligible / waterfall.population).toBeGreaterThan(0.7);
  });
});
