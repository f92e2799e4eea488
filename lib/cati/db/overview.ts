import "server-only";
import { db } from "@/lib/db/client";
import { sampleLabel } from "@/lib/sampling/surveys";
import { countByCategory, DISPOSITIONS, isDispositionCode, type CategoryCounts } from "../dispositions";
import { aaporRates, type AaporRates } from "../rates";
import { currentTime } from "@/lib/clock";

// The supervisor's fieldwork overview (issue 4): each sample's cases by
// disposition and its AAPOR rates. Open cases count as their current code
// (dispositions.ts: rates during fieldwork treat them as they stand).

export interface SampleDispositions {
  sampleId: string;
  label: string;
  survey: string;
  month: string;
  mode: string;
  cases: number;
  final: number;
  inProgress: number;
  byDisposition: { code: string; label: string; cases: number }[];
  categories: CategoryCounts;
  rates: AaporRates;
}

export async function getFieldworkOverview({ take = 12, now = currentTime() }: { take?: number; now?: Date } = {}): Promise<SampleDispositions[]> {
  const samples = await db().sample.findMany({
    orderBy: [{ drawnAt: "desc" }],
    take,
    select: { id: true, survey: true, month: true, period: true, sequence: true, mode: true },
  });
  if (samples.length === 0) return [];
  const ids = samples.map((s) => s.id);
  const [groups, finals, held] = await Promise.all([
    db().sampleCase.groupBy({ by: ["sampleId", "disposition"], where: { sampleId: { in: ids } }, _count: { _all: true } }),
    db().sampleCase.groupBy({ by: ["sampleId"], where: { sampleId: { in: ids }, final: true }, _count: { _all: true } }),
    db().sampleCase.groupBy({ by: ["sampleId"], where: { sampleId: { in: ids }, heldUntil: { gt: now } }, _count: { _all: true } }),
  ]);
  return samples.map((s) => {
    const rows = groups.filter((g) => g.sampleId === s.id).sort((a, b) => a.disposition.localeCompare(b.disposition, "en", { numeric: true }));
    const codes = rows.flatMap((r) => Array<string>(r._count._all).fill(r.disposition)).filter(isDispositionCode);
    const categories = countByCategory(codes);
    return {
      sampleId: s.id,
      label: sampleLabel(s),
      survey: s.survey,
      month: s.month,
      mode: s.mode,
      cases: rows.reduce((n, r) => n + r._count._all, 0),
      final: finals.find((f) => f.sampleId === s.id)?._count._all ?? 0,
      inProgress: held.find((f) => f.sampleId === s.id)?._count._all ?? 0,
      byDisposition: rows.map((r) => ({
        code: r.disposition,
        label: isDispositionCode(r.disposition) ? DISPOSITIONS[r.disposition].label : "Unknown code",
        cases: r._count._all,
      })),
      categories,
      rates: aaporRates(categories),
    };
  });
}
