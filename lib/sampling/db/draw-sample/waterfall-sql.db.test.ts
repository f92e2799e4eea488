import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { buildWaterfall, type SurveyMode } from "../../draw/waterfall";
import { readFrame } from "../../frame/parse";
import { generateFrameCsv } from "../../frame/generate";
import { drawSampleSchema } from "../../schemas";
import { addDoNotContact } from "../do-not-contact";
import { importFrame } from "../frame-import/import-frame";
import { drawSample } from "./draw-sample";

// The exclusion rules live in the draw's SQL (draw-sample.ts buildPopulation)
// and, as the readable statement of the rule, in exclusionOf (draw/waterfall.ts).
// This holds the two equal on a generated frame: every rule, every mode, the
// register and the six-month rule included.

describe("the draw's exclusion rules", () => {
  it("the SQL waterfall equals buildWaterfall over the same clients, in every mode", async () => {
    const csv = generateFrameCsv({ rows: 3_000, seed: 11, year: 2031 });
    expect(await importFrame({ input: Readable.from([Buffer.from(csv)]), fileName: "waterfall.csv", strict: true, actorId: null })).toMatchObject({
      status: "COMPLETED",
    });
    const { rows } = await readFrame(Readable.from([Buffer.from(csv)]));
    const march = rows.filter((r) => r.service === "CMS" && r.contactDate.startsWith("2031-03"));
    // Some clients on the register only (not flagged in the extract).
    const registered = new Set(
      march
        .filter((r) => !r.doNotContact)
        .slice(0, 7)
        .map((r) => r.clientRef),
    );
    for (const clientRef of registered) await addDoNotContact({ actorId: null, input: { service: "CMS", clientRef, reason: "test" } });
    const at = new Date("2031-04-10T09:00:00Z");
    const draw = (mode: SurveyMode, options: { topUp?: boolean; preview?: boolean; size?: number } = {}) =>
      drawSample({
        input: drawSampleSchema.parse({
          survey: "CMS",
          mode,
          allocation: "proportional",
          size: options.size ?? 10,
          month: "2031-03",
          seed: "3",
          topUp: options.topUp ?? false,
        }),
        actorId: null,
        preview: options.preview ?? true,
        at,
      });
    const expected = (mode: SurveyMode, surveyed: Set<string>) =>
      buildWaterfall(
        march.map((r) => ({ ...r, surveyedRecently: surveyed.has(r.clientRef), doNotContact: r.doNotContact || registered.has(r.clientRef) })),
        mode,
      ).steps;

    for (const mode of ["PHONE", "ONLINE", "MIXED"] as const) {
      expect((await draw(mode)).waterfall).toEqual(expected(mode, new Set()));
    }
    // Drawn once: a top-up of the month finds the drawn clients surveyed in the last six months.
    const main = await draw("PHONE", { preview: false, size: 60 });
    const drawn = await db().sampleCase.findMany({ where: { sampleId: main.sampleId! }, select: { client: { select: { clientRef: true } } } });
    const surveyed = new Set(drawn.map((c) => c.client.clientRef));
    expect(surveyed.size).toBe(60);
    for (const mode of ["PHONE", "ONLINE", "MIXED"] as const) {
      const steps = (await draw(mode, { topUp: true })).waterfall;
      expect(steps).toEqual(expected(mode, surveyed));
    }
    // Every rule excludes someone in some mode, so no rule goes unchecked.
    const excluded = new Set([...expected("PHONE", surveyed), ...expected("ONLINE", surveyed)].filter((s) => s.excluded > 0).map((s) => s.rule));
    expect([...excluded].sort()).toEqual([
      "DO_NOT_CONTACT",
      "NON_ENGLISH_SPEAKER",
      "NOT_CONTACTABLE",
      "NO_RESEARCH_CONSENT",
      "POTENTIALLY_VIOLENT",
      "SURVEYED_IN_LAST_SIX_MONTHS",
    ]);
  }, 60_000);
});
