import "server-only";
import { db } from "@/lib/db/client";
import { addUkDays, ukInstant, ukWallTime } from "../calendar";
import { currentTime } from "@/lib/clock";
import { samplePeriodCode } from "@/lib/sampling/surveys";

// "My work" (issue 4): the interviewer's appointments for today (UK time) and the
// interviews they completed.

export async function getMyWork({ interviewerId, now = currentTime() }: { interviewerId: string; now?: Date }) {
  const today = ukWallTime(now).date;
  const from = ukInstant(today, 0);
  const to = ukInstant(addUkDays(today, 1), 0);
  const [appointments, completed, held] = await Promise.all([
    db().sampleCase.findMany({
      where: { appointmentById: interviewerId, final: false, appointmentAt: { gte: from, lt: to } },
      orderBy: { appointmentAt: "asc" },
      select: { id: true, appointmentAt: true, sample: { select: { survey: true, month: true, period: true } }, client: { select: { role: true } }, heldById: true, heldUntil: true },
    }),
    db().callAttempt.findMany({
      where: { interviewerId, outcome: "COMPLETE" },
      orderBy: { endedAt: "desc" },
      take: 100,
      select: { id: true, endedAt: true, sampleCase: { select: { id: true, sample: { select: { survey: true, month: true, period: true } }, client: { select: { role: true } } } } },
    }),
    db().sampleCase.findFirst({ where: { heldById: interviewerId, final: false, heldUntil: { gt: now } }, select: { id: true } }),
  ]);
  return {
    today,
    appointments: appointments.map((a) => ({
      caseId: a.id,
      at: a.appointmentAt as Date,
      survey: a.sample.survey,
      period: samplePeriodCode(a.sample),
      role: a.client.role,
      due: (a.appointmentAt as Date).getTime() <= now.getTime(),
      heldByOther: a.heldById !== null && a.heldById !== interviewerId && a.heldUntil !== null && a.heldUntil > now,
    })),
    completed: completed.map((c) => ({
      attemptId: c.id.toString(),
      caseId: c.sampleCase.id,
      at: c.endedAt as Date,
      survey: c.sampleCase.sample.survey,
      period: samplePeriodCode(c.sampleCase.sample),
      role: c.sampleCase.client.role,
    })),
    heldCaseId: held?.id ?? null,
  };
}
