import "server-only";
import { z } from "zod";
import { DISPOSITIONS, isDispositionCode, rateCategoryOf } from "@/lib/cati/dispositions";
import { OUTCOMES } from "@/lib/cati/outcomes";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { toCsv, toXlsx, type ExportFormat, type ExportSheet } from "@/lib/interchange/export-file";

// Exports of a sample's fieldwork for checking elsewhere (issue 15): the cases'
// dispositions and every call attempt. Cases are named by their id (pseudonymous);
// interviewers by a code (the start of their user id); no phone numbers, emails,
// addresses or names.

export const fieldworkExportSchema = z.object({
  sampleId: z.uuid({ error: "Give the sample's id (a UUID), as shown on the control room page" }),
  format: z.enum(["csv", "xlsx"], { error: "Choose the format: csv or xlsx" }),
  what: z.enum(["calls", "dispositions"], { error: "Choose what to export: calls or dispositions" }).default("calls"),
});
export type FieldworkExportInput = z.output<typeof fieldworkExportSchema>;

/** A short code for an interviewer in exports and on screens that need no name. */
export const interviewerCode = (userId: string) => `INT-${userId.slice(0, 8).toUpperCase()}`;

const INTERVIEW_OUTCOMES: readonly string[] = ["COMPLETE", "INTERVIEW_STARTED_STOPPED"];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function callHistorySheet(sampleId: string): Promise<ExportSheet> {
  const attempts = await db().callAttempt.findMany({
    where: { sampleCase: { sampleId } },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      sampleCaseId: true,
      interviewerId: true,
      mode: true,
      startedAt: true,
      endedAt: true,
      outcome: true,
      disposition: true,
      sampleCase: { select: { stratum: { select: { stratum: true } } } },
    },
  });
  return {
    name: "Call history",
    header: [
      "attempt_id",
      "case_id",
      "cell",
      "started_at",
      "ended_at",
      "interviewer_code",
      "mode",
      "outcome",
      "outcome_label",
      "aapor_code",
      "aapor_label",
      "interview_length_seconds",
    ],
    rows: attempts.map((a) => [
      a.id.toString(),
      a.sampleCaseId,
      a.sampleCase.stratum.stratum,
      iso(a.startedAt),
      iso(a.endedAt),
      a.interviewerId ? interviewerCode(a.interviewerId) : null,
      a.mode,
      a.outcome ?? (a.endedAt ? null : "OPEN_OR_HOLD_EXPIRED"),
      a.outcome && Object.hasOwn(OUTCOMES, a.outcome) ? OUTCOMES[a.outcome as keyof typeof OUTCOMES].label : null,
      a.disposition,
      a.disposition && isDispositionCode(a.disposition) ? DISPOSITIONS[a.disposition].label : null,
      // an interview took place in this attempt: phone complete or break-off, or any online outcome with an end
      a.endedAt && (a.mode === "ONLINE" || (a.outcome !== null && INTERVIEW_OUTCOMES.includes(a.outcome)))
        ? Math.round((a.endedAt.getTime() - a.startedAt.getTime()) / 1000)
        : null,
    ]),
  };
}

export async function dispositionsSheet(sampleId: string): Promise<ExportSheet> {
  const cases = await db().sampleCase.findMany({
    where: { sampleId },
    orderBy: [{ stratumId: "asc" }, { drawOrder: "asc" }, { id: "asc" }],
    select: { id: true, mode: true, disposition: true, final: true, attempts: true, designWeight: true, stratum: { select: { stratum: true } } },
  });
  return {
    name: "Dispositions",
    header: ["case_id", "cell", "mode", "aapor_code", "aapor_label", "rate_group", "final", "attempts", "design_weight"],
    rows: cases.map((c) => [
      c.id,
      c.stratum.stratum,
      c.mode,
      c.disposition,
      isDispositionCode(c.disposition) ? DISPOSITIONS[c.disposition].label : null,
      isDispositionCode(c.disposition) ? rateCategoryOf(c.disposition) : null,
      c.final ? "yes" : "no",
      c.attempts,
      c.designWeight,
    ]),
  };
}

/** The file and its name: CSV holds one table (`what`); XLSX holds both, call history first. */
export async function exportFieldwork(input: FieldworkExportInput): Promise<{ body: Buffer; fileName: string; contentType: string }> {
  const sample = await db().sample.findUnique({ where: { id: input.sampleId }, select: { survey: true, month: true, sequence: true } });
  if (!sample) throw new AppError("SAMPLE_NOT_FOUND", `There is no sample with the id ${input.sampleId}.`, "sampleId");
  const base = `${sample.survey}-${sample.month}${sample.sequence > 1 ? `-topup${sample.sequence - 1}` : ""}`;
  const format: ExportFormat = input.format;
  if (format === "csv") {
    const sheet = input.what === "calls" ? await callHistorySheet(input.sampleId) : await dispositionsSheet(input.sampleId);
    return { body: toCsv(sheet), fileName: `${base}-${input.what === "calls" ? "call-history" : "dispositions"}.csv`, contentType: "text/csv; charset=utf-8" };
  }
  const body = await toXlsx([await callHistorySheet(input.sampleId), await dispositionsSheet(input.sampleId)]);
  return { body, fileName: `${base}-fieldwork.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
}
