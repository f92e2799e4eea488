import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { drawSampleSchema, type DrawSampleInput } from "../schemas";
import { drawStratifiedSample } from "../select";
import { addDoNotContact } from "./do-not-contact";
import { drawSample } from "./draw-sample";
import { importFrame } from "./import-frame";
import { frameCsv, textStream, uniquePrefix, type TestClient } from "./test-frames";

// Each test uses its own survey month (this file's database is shared by its tests).
const load = async (clients: TestClient[]) => {
  const r = await importFrame({ input: textStream(frameCsv(clients)), fileName: "t.csv", strict: true, actorId: null });
  expect(r.status).toBe("COMPLETED");
};
const draw = (input: Partial<DrawSampleInput> & { month: string }, options: { preview?: boolean; at?: Date } = {}) =>
  drawSample({
    input: drawSampleSchema.parse({ survey: "CMS", mode: "PHONE", allocation: "proportional", size: 10, ...input }),
    actorId: null,
    ...options,
  });
const refsOf = async (sampleId: string | null) =>
  (await db().sampleCase.findMany({ where: { sampleId: sampleId ?? "" }, include: { client: true } })).map((c) => c.client.clientRef).sort();

describe("sample draw", () => {
  it("counts the waterfall in the methodology's order, each client once, and stores strata and cases", async () => {
    const p = uniquePrefix("wf");
    const d = "2014-01-15";
    await load([
      { ref: `${p}-ok1`, date: d },
      { ref: `${p}-ok2`, date: d, reason: "ARREARS" },
      { ref: `${p}-ok3`, date: d, role: "PAYING_PARENT" },
      // Overlapping flags: the first rule in order claims the client.
      { ref: `${p}-ne`, date: d, english: "N", pv: "Y", consent: "N" },
      { ref: `${p}-pv`, date: d, pv: "Y", consent: "N", phone: "" },
      { ref: `${p}-nc`, date: d, consent: "N" },
      { ref: `${p}-nophone`, date: d, phone: "", dnc: "Y" },
      { ref: `${p}-dnc`, date: d, dnc: "Y" },
      { ref: `${p}-reg`, date: d },
      { ref: `${p}-other-month`, date: "2014-02-01" },
      { ref: `${p}-options`, date: d, service: "OPTIONS" },
    ]);
    await addDoNotContact({ actorId: null, input: { service: "CMS", clientRef: `${p}-reg`, reason: "opted out" } });

    const preview = await draw({ month: "2014-01", size: 2 }, { preview: true });
    expect(preview.sampleId).toBeNull();
    expect(await db().sample.count({ where: { month: "2014-01" } })).toBe(0);

    const r = await draw({ month: "2014-01", size: 2, seed: "7" });
    expect(r.waterfall).toEqual([
      { rule: "POPULATION", excluded: 0, remaining: 9 },
      { rule: "NON_ENGLISH_SPEAKER", excluded: 1, remaining: 8 },
      { rule: "POTENTIALLY_VIOLENT", excluded: 1, remaining: 7 },
      { rule: "NO_RESEARCH_CONSENT", excluded: 1, remaining: 6 },
      { rule: "NOT_CONTACTABLE", excluded: 1, remaining: 5 },
      { rule: "SURVEYED_IN_LAST_SIX_MONTHS", excluded: 0, remaining: 5 },
      { rule: "DO_NOT_CONTACT", excluded: 2, remaining: 3 },
    ]);
    expect(r).toMatchObject({ population: 9, eligible: 3, drawn: 2, seed: 7 });
    expect(preview.waterfall).toEqual(r.waterfall);
    const strata = await db().sampleStratum.findMany({ where: { sampleId: r.sampleId ?? "" }, orderBy: { stratum: "asc" } });
    expect(strata.map((s) => [s.stratum, s.population, s.eligible, s.drawn])).toEqual([
      ["2014-Q1|ARREARS|RECEIVING_PARENT", 1, 1, expect.any(Number)],
      ["2014-Q1|NEW_APPLICATION|PAYING_PARENT", 1, 1, expect.any(Number)],
      ["2014-Q1|NEW_APPLICATION|RECEIVING_PARENT", 7, 1, expect.any(Number)],
    ]);
    expect(strata.reduce((a, s) => a + s.drawn, 0)).toBe(2);
    const cases = await db().sampleCase.findMany({ where: { sampleId: r.sampleId ?? "" } });
    expect(cases).toHaveLength(2);
    for (const c of cases) {
      expect(c).toMatchObject({ disposition: "3.11", mode: "PHONE", designWeight: 1, attempts: 0 });
    }
    const audit = await db().auditEvent.findFirst({ where: { action: "sample.drawn", entityId: r.sampleId ?? "" } });
    expect(audit?.details).toMatchObject({ survey: "CMS", month: "2014-01", drawn: 2, seed: 7 });
  });

  it("the same seed on the same frame gives the same sample, with design weights N_h/n_h", async () => {
    const p = uniquePrefix("seed");
    const clients: TestClient[] = [];
    for (let i = 0; i < 60; i++) clients.push({ ref: `${p}-${i}`, date: "2014-03-10", reason: i % 3 === 0 ? "ENQUIRY" : "NEW_APPLICATION" });
    await load(clients);
    const first = await draw({ month: "2014-03", size: 12, seed: 12345 });
    const firstRefs = await refsOf(first.sampleId);
    expect(firstRefs).toHaveLength(12);
    // 20 enquiries, 40 new applications: 4 and 8 drawn, weight 5 each.
    expect(first.strata.map((s) => [s.eligible, s.drawn, s.designWeight])).toEqual([
      [20, 4, 5],
      [40, 8, 5],
    ]);
    // The same as select.ts's drawStratifiedSample over each stratum's clients in client_ref byte order.
    const byStratum = new Map<string, string[]>();
    for (const c of clients) {
      const key = `2014-Q1|${c.reason}|RECEIVING_PARENT`;
      byStratum.set(key, [...(byStratum.get(key) ?? []), c.ref]);
    }
    const frames = [...byStratum.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([stratum, refs]) => {
        const ids = refs.sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
        return { stratum, ids, size: first.strata.find((s) => s.stratum === stratum)?.drawn ?? 0 };
      });
    expect(drawStratifiedSample(frames, 12345).cases.map((c) => c.id).sort()).toEqual(firstRefs);
    // Undo the draw (its cases would now exclude these clients) and draw again.
    await db().sampleCase.deleteMany({ where: { sampleId: first.sampleId ?? "" } });
    await db().sample.delete({ where: { id: first.sampleId ?? "" } });
    const again = await draw({ month: "2014-03", size: 12, seed: 12345 });
    expect(await refsOf(again.sampleId)).toEqual(firstRefs);
    await db().sampleCase.deleteMany({ where: { sampleId: again.sampleId ?? "" } });
    await db().sample.delete({ where: { id: again.sampleId ?? "" } });
    const other = await draw({ month: "2014-03", size: 12, seed: 54321 });
    expect(await refsOf(other.sampleId)).not.toEqual(firstRefs);
  });

  it("six-month rule: clients sampled in one month are excluded from the next month's draw, but not after six months", async () => {
    const p = uniquePrefix("six");
    // Ten clients with contacts in both May and June (the June file supersedes May, which stays in history).
    const may = Array.from({ length: 10 }, (_, i) => ({ ref: `${p}-${i}`, date: "2014-05-20" }));
    const june = Array.from({ length: 10 }, (_, i) => ({ ref: `${p}-${i}`, date: "2014-06-03", reason: "ARREARS" }));
    const juneOnly = Array.from({ length: 5 }, (_, i) => ({ ref: `${p}-j${i}`, date: "2014-06-04" }));
    await load(may);
    await load([...june, ...juneOnly]);

    const drawnAt = new Date("2014-06-10T09:00:00Z");
    const mayDraw = await draw({ month: "2014-05", size: 4, seed: 1 }, { at: drawnAt });
    expect(mayDraw).toMatchObject({ population: 10, eligible: 10, drawn: 4 });
    const sampledInMay = await refsOf(mayDraw.sampleId);

    const juneDraw = await draw({ month: "2014-06", size: 100, seed: 1 }, { at: new Date("2014-07-02T09:00:00Z") });
    expect(juneDraw.waterfall.find((s) => s.rule === "SURVEYED_IN_LAST_SIX_MONTHS")).toEqual({ rule: "SURVEYED_IN_LAST_SIX_MONTHS", excluded: 4, remaining: 11 });
    expect(juneDraw.drawn).toBe(11);
    const sampledInJune = await refsOf(juneDraw.sampleId);
    expect(sampledInJune.filter((r) => sampledInMay.includes(r))).toEqual([]);

    // Seven months after May's selection the rule no longer applies (a preview: nothing written).
    const later = await draw({ month: "2014-05", size: 1, topUp: true }, { preview: true, at: new Date("2014-12-20T09:00:00Z") });
    expect(later.waterfall.find((s) => s.rule === "SURVEYED_IN_LAST_SIX_MONTHS")?.excluded).toBe(6); // June's, not May's
  });

  it("two concurrent draws for the same survey and month cannot both commit", async () => {
    const p = uniquePrefix("conc");
    await load(Array.from({ length: 30 }, (_, i) => ({ ref: `${p}-${i}`, date: "2014-08-08" })));
    const results = await Promise.allSettled([draw({ month: "2014-08", size: 5 }), draw({ month: "2014-08", size: 5 })]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(AppError);
    expect((failed[0].reason as AppError).code).toBe("SAMPLE_EXISTS");
    expect(await db().sample.count({ where: { survey: "CMS", month: "2014-08" } })).toBe(1);
    expect(await db().sampleCase.count({ where: { sample: { month: "2014-08" } } })).toBe(5);

    // An explicit top-up is allowed, and takes only clients not sampled yet.
    const top = await draw({ month: "2014-08", size: 5, topUp: true });
    expect(top).toMatchObject({ sequence: 2, eligible: 25, drawn: 5 });
    const all = await db().sampleCase.findMany({ where: { sample: { month: "2014-08" } }, select: { clientId: true } });
    expect(new Set(all.map((c) => c.clientId)).size).toBe(10);
  });

  it("asking for more than the eligible total takes everyone and says so", async () => {
    const p = uniquePrefix("short");
    await load(Array.from({ length: 3 }, (_, i) => ({ ref: `${p}-${i}`, date: "2014-09-01" })));
    const r = await draw({ month: "2014-09", size: 50 });
    expect(r).toMatchObject({ drawn: 3, requested: 50, shortfall: 47 });
    expect(r.warnings[0].code).toBe("SHORTFALL");
  });

  it("a month without contacts is refused with a message", async () => {
    await expect(draw({ month: "2013-02" })).rejects.toMatchObject({ code: "EMPTY_MONTH", field: "month" });
  });
});
