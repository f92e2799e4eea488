import { describe, expect, it } from "vitest";
import { catiSettingsSchema } from "@/lib/cati/settings";
import { recordCallOutcome } from "@/lib/cati/db/record-outcome";
import { reassignAppointment, releaseHeldCase } from "@/lib/cati/db/supervisor-actions";
import type { CatiConfig } from "@/lib/cati/db/settings";
import { takeNextCase } from "@/lib/cati/db/take-next-case";
import { createInterviewers } from "@/lib/cati/db/test-cases";
import { drawTestSample } from "@/lib/cati/db/test-cases";
import { setUpQuotaCells } from "@/lib/cati/db/quotas";
import { db } from "@/lib/db/client";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { fieldworkCommands } from "../cli-commands";
import { callHistorySheet, dispositionsSheet } from "./call-history";
import { getInterviewerView } from "./interviewers";
import { getControlRoomOverview } from "./overview";
import { getSampleReport, reportJson, setSupervisorE } from "./report";

// Wednesday 25 November 2026, 10:00 UK (GMT): inside calling hours, whatever today is.
const WED_10 = new Date("2026-11-25T10:00:00Z");
const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const config: CatiConfig = { settings: catiSettingsSchema.parse({}), refusalConverterIds: [] };

async function supervisor() {
  return db().user.create({ data: { email: `sup-${Math.random().toString(36).slice(2)}@fieldwork.test`, name: "Supervisor", role: "SUPERVISOR" } });
}

describe("releasing and reassigning", () => {
  it("a released case goes back to the queue and is offered again, with an audit event", async () => {
    const { sampleId } = await drawTestSample({ n: 3, month: "2017-01" });
    const [a, b] = await createInterviewers(2, "rel");
    const sup = await supervisor();
    const taken = await takeNextCase({ interviewerId: a, now: WED_10, sampleId, config });
    if (!taken.ok) throw new Error(taken.reason);
    const view = await getInterviewerView({ now: minutes(WED_10, 12) });
    expect(view.interviewers.find((i) => i.interviewerId === a)?.held).toMatchObject({ caseId: taken.caseId, minutes: 12 });

    await releaseHeldCase({ input: { caseId: taken.caseId }, actorId: sup.id, now: minutes(WED_10, 12) });
    // b, asking next, gets the released case (the first in draw order), not the second
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 13), sampleId, config })).toMatchObject({ ok: true, caseId: taken.caseId });
    // a's outcome for it is refused: a no longer holds it
    await expect(recordCallOutcome({ interviewerId: a, caseId: taken.caseId, outcome: "NO_ANSWER", now: minutes(WED_10, 14) })).rejects.toMatchObject({
      code: "CASE_NOT_HELD",
    });
    expect(await db().auditEvent.findFirst({ where: { action: "case.released", entityId: taken.caseId } })).toMatchObject({
      actorId: sup.id,
      details: { heldById: a },
    });
    // releasing a case nobody holds is a clear error
    await releaseHeldCase({ input: { caseId: taken.caseId }, actorId: sup.id, now: minutes(WED_10, 14) });
    await expect(releaseHeldCase({ input: { caseId: taken.caseId }, actorId: sup.id, now: minutes(WED_10, 15) })).rejects.toMatchObject({
      code: "CASE_NOT_HELD",
    });
  });

  it("a reassigned appointment goes to the new interviewer first", async () => {
    const { sampleId } = await drawTestSample({ n: 3, month: "2017-02" });
    const [a, b] = await createInterviewers(2, "reas");
    const sup = await supervisor();
    const taken = await takeNextCase({ interviewerId: a, now: WED_10, sampleId, config });
    if (!taken.ok) throw new Error(taken.reason);
    await recordCallOutcome({ interviewerId: a, caseId: taken.caseId, outcome: "APPOINTMENT_DEFINITE", appointmentAt: minutes(WED_10, 60), now: WED_10 });

    await reassignAppointment({ input: { caseId: taken.caseId, interviewerId: b }, actorId: sup.id });
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 65), sampleId, config })).toMatchObject({
      caseId: taken.caseId,
      rank: "OWN_APPOINTMENT",
    });
    expect((await db().sampleCase.findUniqueOrThrow({ where: { id: taken.caseId } })).catiState).toMatchObject({ appointment: { interviewerId: b } });
    expect(await db().auditEvent.findFirst({ where: { action: "appointment.reassigned", entityId: taken.caseId } })).toMatchObject({
      actorId: sup.id,
      details: { from: a, to: b },
    });

    // "anyone": nobody's own; not an interviewer: refused
    await expect(reassignAppointment({ input: { caseId: taken.caseId, interviewerId: sup.id }, actorId: sup.id })).rejects.toMatchObject({
      code: "NOT_AN_INTERVIEWER",
    });
  });

  it("an appointment given to anyone is offered to whoever asks, after their own", async () => {
    const { sampleId } = await drawTestSample({ n: 3, month: "2017-03" });
    const [a, b] = await createInterviewers(2, "any");
    const sup = await supervisor();
    const taken = await takeNextCase({ interviewerId: a, now: WED_10, sampleId, config });
    if (!taken.ok) throw new Error(taken.reason);
    await recordCallOutcome({ interviewerId: a, caseId: taken.caseId, outcome: "APPOINTMENT_DEFINITE", appointmentAt: minutes(WED_10, 60), now: WED_10 });
    await reassignAppointment({ input: { caseId: taken.caseId, interviewerId: "anyone" }, actorId: sup.id });
    expect((await db().sampleCase.findUniqueOrThrow({ where: { id: taken.caseId } })).appointmentById).toBeNull();
    expect(await takeNextCase({ interviewerId: b, now: minutes(WED_10, 65), sampleId, config })).toMatchObject({ caseId: taken.caseId, rank: "APPOINTMENT" });
  });
});

describe("the report and the export", () => {
  it("count the same cases: the report's dispositions are the export's latest code per case", async () => {
    const { sampleId } = await drawTestSample({ n: 8, month: "2017-04" });
    const [a] = await createInterviewers(1, "rep");
    const sup = await supervisor();
    await setUpQuotaCells({ input: { sampleId, total: 4, method: "proportional", countsPartials: false }, actorId: sup.id });
    const outcomes = ["COMPLETE", "HARD_REFUSAL", "NO_ANSWER", "COMPLETE", "DISCONNECTED"] as const;
    for (const [i, outcome] of outcomes.entries()) {
      const t = await takeNextCase({ interviewerId: a, now: minutes(WED_10, i * 10), sampleId, config });
      if (!t.ok) throw new Error(t.reason);
      await recordCallOutcome({ interviewerId: a, caseId: t.caseId, outcome, now: minutes(WED_10, i * 10 + 5) });
    }
    const now = minutes(WED_10, 60);
    const report = await getSampleReport({ sampleId, now });
    if (!report) throw new Error("no report");
    const json = reportJson(report);
    expect(json.counts).toEqual({ I: 2, P: 0, R: 1, NC: 0, O: 0, UH: 4, UO: 0, NE: 1 });
    expect(json.rates.RR1).toBeCloseTo(2 / 7, 12);
    expect(json.e).toBeCloseTo(3 / 4, 12); // (I+P+R+NC+O) / (... + NE) = 3/4

    const calls = await callHistorySheet(sampleId);
    expect(calls.rows).toHaveLength(5);
    const col = (name: string) => calls.header.indexOf(name);
    const latest = new Map<string, string>();
    for (const r of calls.rows) latest.set(String(r[col("case_id")]), String(r[col("aapor_code")]));
    const cases = await dispositionsSheet(sampleId);
    const fromExport = new Map<string, number>();
    for (const r of cases.rows) {
      const code = latest.get(String(r[0])) ?? String(r[cases.header.indexOf("aapor_code")]);
      fromExport.set(code, (fromExport.get(code) ?? 0) + 1);
    }
    expect(Object.fromEntries(json.dispositions.map((d) => [d.code, d.count]))).toEqual(Object.fromEntries(fromExport));
    expect(calls.rows.filter((r) => r[col("aapor_code")] === "1.1")).toHaveLength(json.counts.I);
    // no personal data: interviewer codes, not names
    expect(JSON.stringify(calls.rows)).not.toContain("Interviewer rep");
    expect(calls.rows[0][col("interviewer_code")]).toMatch(/^INT-[0-9A-F]{8}$/);

    // cells: the report's and the overview's are the same numbers
    const overview = await getControlRoomOverview({ now, sampleId });
    expect(json.cells.reduce((n, c) => n + c.completes, 0)).toBe(2);
    expect(overview.samples[0].totals).toMatchObject({ completes: 2, exhausted: 2, stillToTry: 4, neverTried: 3, target: 4 });
    expect(overview.samples[0].chart.at(-1)).toMatchObject({ date: "2026-11-25", completes: 2, cumulative: 2 });
    expect(overview.samples[0].projection).toMatchObject({ lastSevenDays: 2, stillNeeded: 2, projectedDate: "2026-12-02" });

    // a supervisor's e replaces the default
    await setSupervisorE({ input: { sampleId, e: 0.5 }, actorId: sup.id });
    const withE = reportJson((await getSampleReport({ sampleId, now }))!);
    expect(withE).toMatchObject({ e: 0.5, eSource: "supervisor" });
    expect(withE.rates.RR3).toBeCloseTo(2 / (3 + 0.5 * 4), 12);
  });

  it("the command line prints the same report and writes the call history as CSV and XLSX", async () => {
    const { sampleId } = await drawTestSample({ n: 3, month: "2017-05" });
    const [a] = await createInterviewers(1, "cli");
    for (const [i, outcome] of (["COMPLETE", "BUSY"] as const).entries()) {
      const t = await takeNextCase({ interviewerId: a, now: minutes(WED_10, i * 10), sampleId, config });
      if (!t.ok) throw new Error(t.reason);
      await recordCallOutcome({ interviewerId: a, caseId: t.caseId, outcome, now: minutes(WED_10, i * 10 + 5) });
    }
    const report = (await fieldworkCommands["fieldwork report"](["--sample", sampleId, "--e", "0.25"])) as {
      counts: Record<string, number>;
      e: number;
      rates: Record<string, number | null>;
    };
    expect(report.counts).toMatchObject({ I: 1, UH: 2 });
    expect(report.e).toBe(0.25);
    expect(report.rates.RR3).toBeCloseTo(1 / (1 + 0.25 * 2), 12);
    await expect(fieldworkCommands["fieldwork report"](["--sample", sampleId, "--e", "2"])).rejects.toThrow("--e must be between 0 and 1");

    const dir = mkdtempSync(path.join(tmpdir(), "fieldwork-export-"));
    await fieldworkCommands["fieldwork export"](["--sample", sampleId, "--format", "csv", "--out", path.join(dir, "calls.csv")]);
    const lines = readFileSync(path.join(dir, "calls.csv"), "utf8").trim().split("\r\n");
    expect(lines[0]).toBe(
      "attempt_id,case_id,cell,started_at,ended_at,interviewer_code,mode,outcome,outcome_label,aapor_code,aapor_label,interview_length_seconds",
    );
    expect(lines).toHaveLength(3);
    expect(lines.filter((l) => l.split(",")[9] === "1.1")).toHaveLength(report.counts.I);
    await fieldworkCommands["fieldwork export"](["--sample", sampleId, "--format", "xlsx", "--out", path.join(dir, "fieldwork.xlsx")]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "fieldwork.xlsx"));
    expect(wb.worksheets.map((w) => [w.name, w.rowCount])).toEqual([
      ["Call history", 3],
      ["Dispositions", 4],
    ]);
  });
});
