import "server-only";
import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record";
import { DISPOSITIONS, isDispositionCode, rateCategoryOf } from "@/lib/cati/dispositions";
import { prismaSql, type SqlRunner } from "@/lib/cati/db/sql";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countsOf, rateReport, type RateReport } from "../rates";
import { getControlRoomOverview, type SampleProgress } from "./overview";

// A sample's dispositions and outcome rates (issue 15): whole sample, per mode and
// per week, e as set by a supervisor or the default. The page and the command
// line (`fieldwork report`) both read this.

/** The supervisor's e for a sample is a Setting row (one per sample). */
const eKey = (sampleId: string) => `fieldwork.e.${sampleId}`;
export const eligibilityShareSchema = z.object({
  sampleId: z.uuid({ error: "Choose a sample" }),
  // empty: go back to the default
  e: z.union([
    z.literal("").transform(() => null),
    z.coerce
      .number({ error: "Enter e as a number between 0 and 1, like 0.85" })
      .min(0, { error: "e must be between 0 and 1" })
      .max(1, { error: "e must be between 0 and 1" }),
  ]),
});
export type EligibilityShareInput = z.output<typeof eligibilityShareSchema>;

export async function getSupervisorE(sampleId: string): Promise<number | null> {
  const row = await db().setting.findUnique({ where: { key: eKey(sampleId) }, select: { value: true } });
  const v = (row?.value as { e?: unknown } | undefined)?.e;
  return typeof v === "number" ? v : null;
}

export async function setSupervisorE({ input, actorId }: { input: EligibilityShareInput; actorId: string }): Promise<void> {
  const exists = await db().sample.findUnique({ where: { id: input.sampleId }, select: { id: true } });
  if (!exists) throw new AppError("SAMPLE_NOT_FOUND", "There is no such sample.", "sampleId");
  await db().$transaction(async (tx) => {
    const value = { e: input.e };
    await tx.setting.upsert({
      where: { key: eKey(input.sampleId) },
      create: { key: eKey(input.sampleId), value, updatedById: actorId },
      update: { value, updatedById: actorId },
    });
    await recordAuditEvent(tx, { actorId, action: "fieldwork.e_set", entityType: "Sample", entityId: input.sampleId, details: value });
  });
}

export interface DispositionCount {
  code: string;
  label: string;
  group: string;
  count: number;
}

export interface SampleReport {
  sampleId: string;
  label: string;
  dispositions: DispositionCount[];
  overall: RateReport;
  byMode: { mode: string; report: RateReport }[];
  byWeek: { week: string; report: RateReport }[];
  progress: SampleProgress | null;
}

// Each case once, as it stands, with the mode and UK week (Monday) of its latest
// outcome; a case never tried counts in its sample mode (MIXED starts online).
const GROUPS_SQL = `
SELECT sc."disposition" AS "code",
       COALESCE(last."mode"::text, CASE WHEN sc."mode" = 'PHONE' THEN 'PHONE' ELSE 'ONLINE' END) AS "mode",
       to_char(date_trunc('week', (last."endedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') AS "week",
       count(*)::int AS "count"
FROM "SampleCase" sc
LEFT JOIN LATERAL (
  SELECT ca."mode", ca."endedAt" FROM "CallAttempt" ca
  WHERE ca."sampleCaseId" = sc."id" AND ca."endedAt" IS NOT NULL AND ca."disposition" IS NOT NULL
  ORDER BY ca."endedAt" DESC LIMIT 1) last ON true
WHERE sc."sampleId" = $1::uuid
GROUP BY 1, 2, 3`;

export async function getSampleReport({
  sampleId,
  e,
  now = currentTime(),
  run = prismaSql,
}: {
  sampleId: string;
  e?: number | null;
  now?: Date;
  run?: SqlRunner;
}): Promise<SampleReport | null> {
  const sample = await db().sample.findUnique({ where: { id: sampleId }, select: { id: true } });
  if (!sample) return null;
  const supervisorE = e === undefined ? await getSupervisorE(sampleId) : e;
  const [rows, overview] = await Promise.all([
    run(GROUPS_SQL, [sampleId]) as unknown as Promise<{ code: string; mode: string; week: string | null; count: number }[]>,
    getControlRoomOverview({ now, sampleId, run }),
  ]);
  const unknown = rows.find((r) => !isDispositionCode(r.code));
  if (unknown)
    throw new AppError("UNKNOWN_DISPOSITION", `A case has the disposition code ${unknown.code}, which is not in the AAPOR table (lib/cati/dispositions.ts).`);
  const byCode = new Map<string, number>();
  for (const r of rows) byCode.set(r.code, (byCode.get(r.code) ?? 0) + r.count);
  const group = <K extends string>(key: (r: (typeof rows)[number]) => K | null) => {
    const m = new Map<K, { code: string; count: number }[]>();
    for (const r of rows) {
      const k = key(r);
      if (k === null) continue;
      m.set(k, [...(m.get(k) ?? []), { code: r.code, count: r.count }]);
    }
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const progress = overview.samples[0] ?? null;
  return {
    sampleId,
    label: progress?.label ?? sampleId,
    dispositions: [...byCode.entries()]
      .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
      .map(([code, count]) => ({
        code,
        label: isDispositionCode(code) ? DISPOSITIONS[code].label : code,
        group: isDispositionCode(code) ? rateCategoryOf(code) : "?",
        count,
      })),
    overall: rateReport(countsOf([...byCode.entries()].map(([code, count]) => ({ code, count }))), supervisorE),
    byMode: group((r) => r.mode).map(([mode, list]) => ({ mode, report: rateReport(countsOf(list), supervisorE) })),
    byWeek: group((r) => r.week).map(([week, list]) => ({ week, report: rateReport(countsOf(list), supervisorE) })),
    progress,
  };
}

/** The command line's `fieldwork report` document (issue 15). */
export function reportJson(report: SampleReport) {
  return {
    sampleId: report.sampleId,
    dispositions: report.dispositions,
    counts: report.overall.counts,
    e: report.overall.e,
    eSource: report.overall.eSource,
    rates: report.overall.rates,
    cells: (report.progress?.cells ?? []).map((c) => ({
      cell: c.stratum,
      target: c.target,
      completes: c.completes,
      partials: c.partials,
      inProgress: c.inProgress,
      remaining: c.stillToTry - c.inProgress,
    })),
  };
}
