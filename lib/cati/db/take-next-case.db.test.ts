import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { catiSettingsSchema } from "../settings";
import { recordCallOutcome } from "./record-outcome";
import { saveCatiSettings, type CatiConfig } from "./settings";
import { poolRunner, QUEUE_POOL_OPTIONS } from "./sql";
import { takeNextCase } from "./take-next-case";
import { createInterviewers, drawTestSample } from "./test-cases";

// Wednesday 25 November 2026, 10:00 UK (GMT): inside calling hours.
const WED_10 = new Date("2026-11-25T10:00:00Z");
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const config: CatiConfig = { settings: catiSettingsSchema.parse({}), refusalConverterIds: [] };

// 50 connections of their own: the guarantee under test is the database's lock, not a process's.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 50, ...QUEUE_POOL_OPTIONS });
const poolSql = poolRunner(pool);
// The database is dropped WITH (FORCE) after the file: idle connections then report an error to ignore.
pool.on("error", () => undefined);
afterAll(() => pool.end());

describe("takeNextCase", () => {
  it("gives 50 interviewers asking at once 50 different cases, each held and with an open call attempt", async () => {
    const { sampleId } = await drawTestSample({ n: 60, month: "2016-01" });
    const interviewers = await createInterviewers(50, "conc");
    const results = await Promise.all(interviewers.map((interviewerId) => takeNextCase({ interviewerId, now: WED_10, sampleId, run: poolSql, config })));
    const ids = results.map((r) => (r.ok ? r.caseId : null));
    expect(ids.every((id) => id !== null)).toBe(true);
    expect(new Set(ids).size).toBe(50);
    const held = await db().sampleCase.findMany({ where: { sampleId, heldById: { not: null } }, select: { id: true, heldById: true } });
    expect(held).toHaveLength(50);
    for (const [i, r] of results.entries()) if (r.ok) expect(held.find((h) => h.id === r.caseId)?.heldById).toBe(interviewers[i]);
    expect(await db().callAttempt.count({ where: { sampleCase: { sampleId }, endedAt: null } })).toBe(50);
  });

  it("offers fresh cases in draw order, gives back the case an interviewer already holds, and frees a hold after 30 idle minutes", async () => {
    const { sampleId } = await drawTestSample({ n: 3, month: "2016-02" });
    const [a, b] = await createInterviewers(2, "hold");
    const order = await db().sampleCase.findMany({ where: { sampleId }, orderBy: [{ drawOrder: "asc" }, { id: "asc" }], select: { id: true } });
    const first = await takeNextCase({ interviewerId: a, now: WED_10, sampleId });
    expect(first).toMatchObject({ ok: true, caseId: order[0].id, rank: "FRESH" });
    const again = await takeNextCase({ interviewerId: a, now: minutes(WED_10, 5), sampleId });
    expect(again).toMatchObject({ ok: true, caseId: order[0].id, rank: "HELD" });
    expect(await db().callAttempt.count({ where: { sampleCaseId: order[0].id } })).toBe(1);
    // b gets the next one while a's hold lasts...
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 10), sampleId })).toMatchObject({ caseId: order[1].id });
    // ...and a's case once a has been idle for 30 minutes after the last renewal (minute 5).
    await recordCallOutcome({ interviewerId: b, caseId: order[1].id, outcome: "NO_ANSWER", now: minutes(WED_10, 11) });
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 34), sampleId })).toMatchObject({ caseId: order[2].id });
    await recordCallOutcome({ interviewerId: b, caseId: order[2].id, outcome: "BUSY", now: minutes(WED_10, 34) });
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 36), sampleId })).toMatchObject({ ok: true, caseId: order[0].id, rank: "FRESH" });
  });

  it("offers own due appointments first, then others' appointments, then retries, then fresh cases", async () => {
    const { sampleId } = await drawTestSample({ n: 5, month: "2016-03" });
    const [a, b] = await createInterviewers(2, "prio");
    const take = async (who: string, at: Date) => {
      const r = await takeNextCase({ interviewerId: who, now: at, sampleId });
      if (!r.ok) throw new Error(r.reason);
      return r;
    };
    // Four cases get an outcome at 10:00: b's appointment at 10:30, a's at 10:40, a no-answer (retry 13:00+), a busy (10:30).
    const c1 = await take(b, WED_10);
    await recordCallOutcome({ interviewerId: b, caseId: c1.caseId, outcome: "APPOINTMENT_DEFINITE", appointmentAt: minutes(WED_10, 30), now: WED_10 });
    const c2 = await take(a, WED_10);
    await recordCallOutcome({ interviewerId: a, caseId: c2.caseId, outcome: "APPOINTMENT_DEFINITE", appointmentAt: minutes(WED_10, 40), now: WED_10 });
    const c3 = await take(a, WED_10);
    await recordCallOutcome({ interviewerId: a, caseId: c3.caseId, outcome: "BUSY", now: WED_10 });
    // 10:20: nothing due but the two fresh cases.
    expect((await take(a, minutes(WED_10, 20))).rank).toBe("FRESH");
    await db().sampleCase.updateMany({ where: { sampleId }, data: { heldById: null, heldUntil: null } });
    // 10:45: a's own appointment (10:40) before b's earlier one (10:30).
    const own = await take(a, minutes(WED_10, 45));
    expect(own).toMatchObject({ caseId: c2.caseId, rank: "OWN_APPOINTMENT" });
    // a second interviewer then gets b's overdue appointment, not the retry.
    const [c] = await createInterviewers(1, "prio-c");
    expect(await take(c, minutes(WED_10, 45))).toMatchObject({ caseId: c1.caseId, rank: "APPOINTMENT" });
    const [d] = await createInterviewers(1, "prio-d");
    expect(await take(d, minutes(WED_10, 45))).toMatchObject({ caseId: c3.caseId, rank: "RETRY" });
  });

  it("offers nothing outside calling hours: Sunday, Saturday afternoon, a bank holiday", async () => {
    const { sampleId } = await drawTestSample({ n: 1, month: "2016-04" });
    const [a] = await createInterviewers(1, "hours");
    expect(await takeNextCase({ interviewerId: a, now: new Date("2026-11-29T10:00:00Z"), sampleId })).toMatchObject({
      ok: false,
      reason: "OUTSIDE_CALLING_HOURS",
    });
    expect(await takeNextCase({ interviewerId: a, now: new Date("2026-11-28T14:00:00Z"), sampleId })).toMatchObject({
      ok: false,
      reason: "OUTSIDE_CALLING_HOURS",
    });
    expect(await takeNextCase({ interviewerId: a, now: new Date("2026-12-28T10:00:00Z"), sampleId })).toMatchObject({
      ok: false,
      reason: "OUTSIDE_CALLING_HOURS",
    });
    expect(await takeNextCase({ interviewerId: a, now: new Date("2026-11-28T12:00:00Z"), sampleId })).toMatchObject({ ok: true });
  });

  it("skips clients on the do-not-contact register, cases at the maximum attempts and refusal conversions for non-converters", async () => {
    const { sampleId, refs } = await drawTestSample({ n: 3, month: "2016-05" });
    const [a, converter] = await createInterviewers(2, "skip");
    await db().doNotContactEntry.create({ data: { service: "CMS", clientRef: refs[0], reason: "test" } });
    const cases = await db().sampleCase.findMany({ where: { sampleId }, include: { client: true } });
    const byRef = (ref: string) => cases.find((c) => c.client.clientRef === ref)!.id;
    await db().sampleCase.update({ where: { id: byRef(refs[1]) }, data: { attempts: 6, nextCallAt: WED_10 } });
    await db().sampleCase.update({ where: { id: byRef(refs[2]) }, data: { attempts: 1, nextCallAt: WED_10, refusalConversion: true } });
    expect(await takeNextCase({ interviewerId: a, now: WED_10, sampleId, config: { ...config, refusalConverterIds: [converter] } })).toEqual({
      ok: false,
      reason: "NOTHING_DUE",
    });
    expect(await takeNextCase({ interviewerId: converter, now: WED_10, sampleId, config: { ...config, refusalConverterIds: [converter] } })).toMatchObject({
      ok: true,
      caseId: byRef(refs[2]),
      rank: "RETRY",
    });
  });

  it("reads the calling hours an administrator set", async () => {
    const { sampleId } = await drawTestSample({ n: 1, month: "2016-06" });
    const [a] = await createInterviewers(1, "settings");
    const sunday = new Date("2026-11-29T10:00:00Z");
    await saveCatiSettings({ actorId: null, settings: { callingHours: { sun: { start: "00:00", end: "24:00" } } } });
    try {
      expect(await takeNextCase({ interviewerId: a, now: sunday, sampleId })).toMatchObject({ ok: true });
    } finally {
      await saveCatiSettings({ actorId: null, settings: {} });
    }
  });
});
