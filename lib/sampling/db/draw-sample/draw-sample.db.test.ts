import { describe, expect, it } from "vitest";
import { versionForCase } from "@/lib/cati/db/version-for-case";
import { getQuotaView } from "@/lib/cati/db/quotas";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { startResponse } from "@/lib/responses/start-response";
import { drawSampleSchema, type DrawSampleInput } from "../../schemas";
import { drawStratifiedSample } from "../../draw/selection";
import { samplingCommands } from "../../../cli/sampling-commands";
import { addDoNotContact } from "../do-not-contact";
import { drawSample } from "./draw-sample";
import { importFrame } from "../frame-import/import-frame";
import { frameCsv, textStream, uniquePrefix, type TestClient } from "../test-frames";

// Each test uses its own survey month (this file's database is shared by its tests).
const load = async (clients: TestClient[]) => {
  const r = await importFrame({ input: textStream(frameCsv(clients)), fileName: "t.csv", strict: true, actorId: null });
  expect(r.status).toBe("COMPLETED");
};
const draw = (input: Partial<DrawSampleInput> & ({ month: string } | { quarter: string }), options: { preview?: boolean; at?: Date } = {}) =>
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
    // The same as selection.ts's drawStratifiedSample over each stratum's clients in client_ref byte order.
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
    expect(
      drawStratifiedSample(frames, 12345)
        .cases.map((c) => c.id)
        .sort(),
    ).toEqual(firstRefs);
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
    expect(juneDraw.waterfall.find((s) => s.rule === "SURVEYED_IN_LAST_SIX_MONTHS")).toEqual({
      rule: "SURVEYED_IN_LAST_SIX_MONTHS",
      excluded: 4,
      remaining: 11,
    });
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

describe("CES sample draw (a quarter of the CMS frame)", () => {
  const ces = (input: Partial<DrawSampleInput> & { quarter: string }, options: { preview?: boolean; at?: Date } = {}) =>
    drawSample({ input: drawSampleSchema.parse({ survey: "CES", allocation: "proportional", size: 100, ...input }), actorId: null, ...options });

  it("takes new applications and changes of circumstances in the quarter's three months, applies the waterfall, mixes modes, sets quota cells and gives its cases CES-2023", async () => {
    const p = uniquePrefix("ces");
    // The first file: each client's first contact.
    await load([
      { ref: `${p}-new-rp`, date: "2023-04-03", email: "rp@example.com", phone: "" },
      { ref: `${p}-coc-pp`, date: "2023-05-15", reason: "CHANGE_OF_CIRCUMSTANCES", role: "PAYING_PARENT", address: "N" },
      { ref: `${p}-new-pp-letter`, date: "2023-06-30", role: "PAYING_PARENT", phone: "" }, // an address only: a letter
      { ref: `${p}-coc-rp`, date: "2023-06-01", reason: "CHANGE_OF_CIRCUMSTANCES" },
      { ref: `${p}-then-enquiry`, date: "2023-04-10" }, // a new application, then an enquiry in May (second file)
      { ref: `${p}-then-arrears`, date: "2023-05-02", reason: "CHANGE_OF_CIRCUMSTANCES", role: "PAYING_PARENT", address: "N" }, // then arrears in August
      { ref: `${p}-ne`, date: "2023-04-20", english: "N" },
      { ref: `${p}-pv`, date: "2023-05-05", reason: "CHANGE_OF_CIRCUMSTANCES", pv: "Y" },
      { ref: `${p}-nc`, date: "2023-05-06", role: "PAYING_PARENT", consent: "N" },
      { ref: `${p}-none`, date: "2023-06-07", reason: "CHANGE_OF_CIRCUMSTANCES", role: "PAYING_PARENT", phone: "", address: "N" },
      { ref: `${p}-recent`, date: "2023-03-15" }, // sampled for CMS March, then a change of circumstances in April
      { ref: `${p}-dnc`, date: "2023-06-10" },
      { ref: `${p}-dnc-flag`, date: "2023-04-11", reason: "CHANGE_OF_CIRCUMSTANCES", role: "PAYING_PARENT", dnc: "Y" },
      // Not in the population: another reason, another quarter, the other service.
      { ref: `${p}-enquiry`, date: "2023-05-09", reason: "ENQUIRY" },
      { ref: `${p}-arrears`, date: "2023-04-12", reason: "ARREARS", role: "PAYING_PARENT" },
      { ref: `${p}-march`, date: "2023-03-31" },
      { ref: `${p}-july`, date: "2023-07-01", reason: "CHANGE_OF_CIRCUMSTANCES" },
      { ref: `${p}-options`, date: "2023-05-09", service: "OPTIONS" },
    ]);
    // The second file: later contacts supersede the first (which stay in history).
    await load([
      { ref: `${p}-then-enquiry`, date: "2023-05-20", reason: "ENQUIRY" },
      { ref: `${p}-then-arrears`, date: "2023-08-14", reason: "ARREARS", role: "PAYING_PARENT", address: "N" },
      { ref: `${p}-recent`, date: "2023-04-20", reason: "CHANGE_OF_CIRCUMSTANCES" },
    ]);
    await addDoNotContact({ actorId: null, input: { service: "CMS", clientRef: `${p}-dnc`, reason: "opted out" } });
    // The CMS monthly sample for March 2023, drawn in April, takes the March clients.
    const march = await draw({ month: "2023-03", size: 10, seed: 1 }, { at: new Date("2023-04-05T09:00:00Z") });
    expect(await refsOf(march.sampleId)).toEqual([`${p}-march`, `${p}-recent`].sort());

    const at = new Date("2023-07-10T09:00:00Z");
    // By telephone only, the clients with no phone would not be contactable (a preview writes nothing).
    const byPhone = await ces({ quarter: "2023-Q2", mode: "PHONE" }, { preview: true, at });
    expect(byPhone.waterfall.find((s) => s.rule === "NOT_CONTACTABLE")?.excluded).toBe(3);
    expect(await db().sample.count({ where: { survey: "CES" } })).toBe(0);

    const r = await ces({ quarter: "2023-Q2", seed: "7" }, { at });
    expect(r).toMatchObject({
      survey: "CES",
      period: "QUARTER",
      month: "2023-04",
      periodCode: "2023-Q2",
      periodLabel: "April to June 2023 (2023-Q2)",
      mode: "MIXED",
    });
    expect(r.waterfall).toEqual([
      { rule: "POPULATION", excluded: 0, remaining: 13 },
      { rule: "NON_ENGLISH_SPEAKER", excluded: 1, remaining: 12 },
      { rule: "POTENTIALLY_VIOLENT", excluded: 1, remaining: 11 },
      { rule: "NO_RESEARCH_CONSENT", excluded: 1, remaining: 10 },
      { rule: "NOT_CONTACTABLE", excluded: 1, remaining: 9 },
      { rule: "SURVEYED_IN_LAST_SIX_MONTHS", excluded: 1, remaining: 8 },
      { rule: "DO_NOT_CONTACT", excluded: 2, remaining: 6 },
    ]);
    // Strata = quota cells: parent type x contact reason (the superseded contacts count as what they were in the quarter).
    expect(r.strata.map((s) => [s.stratum, s.population, s.eligible, s.drawn])).toEqual([
      ["2023-Q2|CHANGE_OF_CIRCUMSTANCES|PAYING_PARENT", 4, 2, 2],
      ["2023-Q2|CHANGE_OF_CIRCUMSTANCES|RECEIVING_PARENT", 3, 1, 1],
      ["2023-Q2|NEW_APPLICATION|PAYING_PARENT", 2, 1, 1],
      ["2023-Q2|NEW_APPLICATION|RECEIVING_PARENT", 4, 2, 2],
    ]);
    expect(r).toMatchObject({ population: 13, eligible: 6, drawn: 6, requested: 100 });

    const sample = await db().sample.findUniqueOrThrow({ where: { id: r.sampleId ?? "" } });
    expect(sample).toMatchObject({ survey: "CES", period: "QUARTER", month: "2023-04", mode: "MIXED", drawn: 6 });
    const cases = await db().sampleCase.findMany({ where: { sampleId: sample.id }, include: { client: true } });
    // Online first where an email or an address can carry the invitation; the telephone for the rest.
    expect(Object.fromEntries(cases.map((c) => [c.client.clientRef, c.mode]))).toEqual({
      [`${p}-new-rp`]: "ONLINE",
      [`${p}-coc-pp`]: "PHONE",
      [`${p}-new-pp-letter`]: "ONLINE",
      [`${p}-coc-rp`]: "ONLINE",
      [`${p}-then-enquiry`]: "ONLINE",
      [`${p}-then-arrears`]: "PHONE",
    });

    // The supervisor's quota page: a cell per parent type and contact reason, with the seed's minimum targets.
    const quotas = await getQuotaView({ sampleId: sample.id, now: at });
    expect(quotas).toMatchObject({ label: "CES 2023-Q2", quarter: "April to June 2023", hasQuotas: true });
    expect(quotas?.cells.map((c) => [c.role, c.contactReason, c.target, c.cases])).toEqual([
      ["PAYING_PARENT", "CHANGE_OF_CIRCUMSTANCES", 163, 2],
      ["RECEIVING_PARENT", "CHANGE_OF_CIRCUMSTANCES", 155, 1],
      ["PAYING_PARENT", "NEW_APPLICATION", 111, 1],
      ["RECEIVING_PARENT", "NEW_APPLICATION", 139, 2],
    ]);

    // Its cases are interviewed with CES-2023, routed on the contact that put the client in the
    // quarter's population (a new application), not the later enquiry the frame row now holds.
    expect(versionForCase(sample.survey, sample.month)?.id).toBe("CES-2023");
    const superseded = cases.find((c) => c.client.clientRef === `${p}-then-enquiry`);
    const started = await startResponse({ versionId: "CES-2023", mode: "ONLINE", sampleCaseId: superseded?.id, now: at });
    const response = await db().response.findUniqueOrThrow({ where: { id: started.responseId } });
    expect(response.versionId).toBe("CES-2023");
    expect(response.caseAttributes).toEqual({ service: "CMS", role: "RECEIVING_PARENT", contactReason: "NEW_APPLICATION", clientRef: `${p}-then-enquiry` });

    const audit = await db().auditEvent.findFirst({ where: { action: "sample.drawn", entityId: sample.id } });
    expect(audit?.details).toMatchObject({ survey: "CES", period: "QUARTER", month: "2023-04", mode: "MIXED", drawn: 6 });

    // A quarter has one main sample.
    await expect(ces({ quarter: "2023-Q2" }, { at })).rejects.toMatchObject({ code: "SAMPLE_EXISTS", field: "quarter" });
  });

  it("the command line draws a quarter with its own minimum interview target per cell", async () => {
    const p = uniquePrefix("cescli");
    await load([
      { ref: `${p}-a`, date: "2023-10-02", email: "a@example.com" },
      { ref: `${p}-b`, date: "2023-12-29", reason: "CHANGE_OF_CIRCUMSTANCES", role: "PAYING_PARENT", address: "N" },
      { ref: `${p}-c`, date: "2023-11-15", reason: "ENQUIRY" },
      { ref: `${p}-d`, date: "2024-01-01" },
    ]);
    const out = (await samplingCommands["sample draw"]([
      "--survey",
      "ces",
      "--quarter",
      "2023-q4",
      "--size",
      "2",
      "--minimum-interviews",
      "20",
      "--seed",
      "5",
    ])) as Record<string, unknown>;
    expect(out).toMatchObject({
      survey: "CES",
      quarter: "2023-Q4",
      month: "2023-10",
      mode: "MIXED",
      population: 2,
      eligible: 2,
      drawn: 2,
      quotaTargets: { "2023-Q4|NEW_APPLICATION|RECEIVING_PARENT": 20, "2023-Q4|CHANGE_OF_CIRCUMSTANCES|PAYING_PARENT": 20 },
    });
    const cells = await db().quotaCell.findMany({ where: { sampleId: out.sampleId as string } });
    expect(cells.map((c) => c.target)).toEqual([20, 20]);
    // A top-up adds cases, not a second set of minimum interviews.
    await load([{ ref: `${p}-e`, date: "2023-11-20" }]);
    const top = (await samplingCommands["sample draw"](["--survey", "CES", "--quarter", "2023-Q4", "--size", "1", "--top-up"])) as Record<string, unknown>;
    expect(top).toMatchObject({ sequence: 2, eligible: 1, drawn: 1 });
    expect(top.quotaTargets).toBeUndefined();
    expect(await db().quotaCell.count({ where: { sampleId: top.sampleId as string } })).toBe(0);
    // CES is drawn by quarter, not by month.
    await expect(samplingCommands["sample draw"](["--survey", "CES", "--month", "2024-01", "--size", "2"])).rejects.toThrow(/Enter the contact quarter/);
    await expect(draw({ survey: "CES", quarter: "2022-Q1" })).rejects.toMatchObject({ code: "EMPTY_QUARTER", field: "quarter" });
  });
});
