import "server-only";
import { db } from "@/lib/db/client";
import { addUkDays, ukInstant, ukWallTime } from "../calendar";
import { currentTime } from "@/lib/clock";
import { samplePeriodCode } from "@/lib/sampling/surveys";

// "My work" (issue 4): the interviewer's appointments for today (UK time), the
// interviews they started that stopped and wait to be resumed (issue 18), and
// the interviews they completed.

export async function getMyWork({ interviewerId, now = currentTime() }: { interviewerId: string; now?: Date }) {
  const today = ukWallTime(now).date;
  const from = ukInstant(today, 0);
  const to = ukInstant(addUkDays(today, 1), 0);
  const [appointments, completed, held, stopped] = await Promise.all([
    db().sampleCase.findMany({
      where: { appointmentById: interviewerId, final: false, appointmentAt: { gte: from, lt: to } },
      orderBy: { appointmentAt: "asc" },
      select: {
        id: true,
        appointmentAt: true,
        sample: { select: { survey: true, month: true, period: true } },
        client: { select: { role: true } },
        heldById: true,
        heldUntil: true,
      },
    }),
    db().callAttempt.findMany({
      where: { interviewerId, outcome: "COMPLETE" },
      orderBy: { endedAt: "desc" },
      take: 100,
      select: {
        id: true,
        endedAt: true,
        sampleCase: { select: { id: true, sample: { select: { survey: true, month: true, period: true } }, client: { select: { role: true } } } },
      },
    }),
    db().sampleCase.findFirst({ where: { heldById: interviewerId, final: false, heldUntil: { gt: now } }, select: { id: true } }),
    db().sampleCase.findMany({
      where: { final: false, response: { status: "BROKEN_OFF" }, callAttempts: { some: { interviewerId, outcome: "INTERVIEW_STARTED_STOPPED" } } },
      orderBy: { nextCallAt: "asc" },
      take: 100,
      select: {
        id: true,
        nextCallAt: true,
        appointmentAt: true,
        appointmentById: true,
        disposition: true,
        sample: { select: { survey: true, month: true, period: true } },
        client: { select: { role: true } },
        callAttempts: { where: { outcome: "INTERVIEW_STARTED_STOPPED" }, orderBy: { startedAt: "desc" }, take: 1, select: { endedAt: true, startedAt: true } },
      },
    }),
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
    toResume: stopped.map((c) => ({
      caseId: c.id,
      stoppedAt: c.callAttempts[0]?.endedAt ?? c.callAttempts[0]?.startedAt ?? null,
      survey: c.sample.survey,
      period: samplePeriodCode(c.sample),
      role: c.client.role,
      disposition: c.disposition,
      /** the agreed time (an appointment), else when the case is next offered */
      resumeAt: c.appointmentAt ?? c.nextCallAt,
      agreed: c.appointmentAt !== null && c.appointmentById === interviewerId,
    })),
    heldCaseId: held?.id ?? null,
  };
}
