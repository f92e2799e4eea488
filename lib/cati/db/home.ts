import "server-only";
import { db } from "@/lib/db/client";
import { sampleLabel } from "@/lib/sampling/surveys";
import { currentTime } from "@/lib/clock";

/** The Next case page: the case this interviewer holds, if any, and the telephone samples with open cases. */
export async function getInterviewerHome({ interviewerId, now = currentTime() }: { interviewerId: string; now?: Date }) {
  const [held, samples] = await Promise.all([
    db().sampleCase.findFirst({ where: { heldById: interviewerId, final: false, heldUntil: { gt: now } }, select: { id: true } }),
    db().sample.findMany({
      where: { mode: { in: ["PHONE", "MIXED"] }, cases: { some: { final: false } } },
      orderBy: [{ month: "desc" }, { survey: "asc" }, { sequence: "asc" }],
      take: 100,
      select: { id: true, survey: true, month: true, period: true, sequence: true },
    }),
  ]);
  return {
    heldCaseId: held?.id ?? null,
    samples: samples.map((s) => ({ id: s.id, label: sampleLabel(s) })),
  };
}
