import "server-only";
import { prismaSql, sqlTime, type SqlRunner } from "@/lib/cati/db/sql";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { stratumLabel } from "@/lib/sampling/draw/strata";
import { sampleLabel } from "@/lib/sampling/surveys";
import { appointmentKept, interviewerFigures, type AttemptRow, type InterviewerFigures } from "../interviewers";
import { ukDay, ukWeek } from "../time";

// The control room's interviewer table (issue 15): today and this week (UK),
// telephone attempts only (online outcomes have no interviewer), the case each
// holds now, and the appointments a supervisor may hand to someone else.

export interface InterviewerRow {
  interviewerId: string;
  name: string;
  today: InterviewerFigures & { appointmentsKept: number; appointmentsMissed: number };
  week: InterviewerFigures & { appointmentsKept: number; appointmentsMissed: number };
  held: { caseId: string; sample: string; cell: string; since: Date; minutes: number } | null;
}

export interface AppointmentRow {
  caseId: string;
  sample: string;
  cell: string;
  at: Date;
  interviewerId: string | null;
  interviewerName: string | null;
}

export interface InterviewerView {
  at: Date;
  interviewers: InterviewerRow[];
  appointments: AppointmentRow[];
  choices: { id: string; name: string }[];
}

const APPOINTMENTS_MADE_SQL = `
SELECT ca."interviewerId"::text AS "interviewerId", ca."appointmentAt",
       coalesce(array_agg(c2."startedAt") FILTER (WHERE c2."id" IS NOT NULL), '{}') AS "calls"
FROM "CallAttempt" ca
LEFT JOIN "CallAttempt" c2 ON c2."sampleCaseId" = ca."sampleCaseId" AND c2."startedAt" > ca."startedAt"
WHERE ca."interviewerId" IS NOT NULL AND ca."appointmentAt" >= $1::timestamp AND ca."appointmentAt" < $2::timestamp
GROUP BY ca."id"`;

export async function getInterviewerView({ now = currentTime(), run = prismaSql }: { now?: Date; run?: SqlRunner } = {}): Promise<InterviewerView> {
  const day = ukDay(now);
  const week = ukWeek(now);
  const [attempts, made, heldCases, appointments, interviewers] = await Promise.all([
    db().callAttempt.findMany({
      where: { interviewerId: { not: null }, startedAt: { gte: week.start, lt: week.end } },
      select: { interviewerId: true, startedAt: true, endedAt: true, outcome: true, disposition: true },
    }),
    run(APPOINTMENTS_MADE_SQL, [sqlTime(week.start), sqlTime(week.end)]) as unknown as Promise<{ interviewerId: string; appointmentAt: Date; calls: Date[] }[]>,
    db().sampleCase.findMany({
      where: { heldById: { not: null }, heldUntil: { gt: now }, final: false },
      select: {
        id: true,
        heldById: true,
        sample: { select: { survey: true, month: true, sequence: true, period: true } },
        stratum: { select: { stratum: true } },
        callAttempts: { where: { endedAt: null }, orderBy: { startedAt: "desc" }, take: 1, select: { startedAt: true } },
      },
    }),
    db().sampleCase.findMany({
      where: { final: false, appointmentAt: { gte: day.start } },
      orderBy: [{ appointmentAt: "asc" }, { id: "asc" }],
      take: 100,
      select: {
        id: true,
        appointmentAt: true,
        appointmentById: true,
        appointmentBy: { select: { name: true } },
        sample: { select: { survey: true, month: true, sequence: true, period: true } },
        stratum: { select: { stratum: true } },
      },
    }),
    db().user.findMany({ where: { role: "INTERVIEWER", active: true }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true } }),
  ]);
  const workedIds = new Set(attempts.map((a) => a.interviewerId));
  const rows: InterviewerRow[] = [];
  const names = new Map(interviewers.map((u) => [u.id, u.name]));
  const extra = [...workedIds].filter((id): id is string => id !== null && !names.has(id));
  if (extra.length > 0) for (const u of await db().user.findMany({ where: { id: { in: extra } }, select: { id: true, name: true } })) names.set(u.id, u.name);
  for (const [id, name] of names) {
    const mine = attempts.filter((a) => a.interviewerId === id) as AttemptRow[];
    const held = heldCases.find((c) => c.heldById === id);
    if (mine.length === 0 && !held) continue;
    const appts = (from: Date) => {
      let kept = 0,
        missed = 0;
      for (const m of made) {
        if (m.interviewerId !== id || m.appointmentAt < from || m.appointmentAt > now) continue;
        const k = appointmentKept(
          m.appointmentAt,
          m.calls.map((c) => new Date(c)),
          now,
        );
        if (k === "KEPT") kept++;
        if (k === "MISSED") missed++;
      }
      return { appointmentsKept: kept, appointmentsMissed: missed };
    };
    const since = held?.callAttempts[0]?.startedAt ?? null;
    rows.push({
      interviewerId: id,
      name,
      today: {
        ...interviewerFigures(
          mine.filter((a) => a.startedAt >= day.start),
          now,
        ),
        ...appts(day.start),
      },
      week: { ...interviewerFigures(mine, now), ...appts(week.start) },
      held: held
        ? {
            caseId: held.id,
            sample: sampleLabel(held.sample),
            cell: stratumLabel(held.stratum.stratum),
            since: since ?? now,
            minutes: since ? Math.floor((now.getTime() - since.getTime()) / 60_000) : 0,
          }
        : null,
    });
  }
  return {
    at: now,
    interviewers: rows,
    appointments: appointments.map((a) => ({
      caseId: a.id,
      sample: sampleLabel(a.sample),
      cell: stratumLabel(a.stratum.stratum),
      at: a.appointmentAt!,
      interviewerId: a.appointmentById,
      interviewerName: a.appointmentBy?.name ?? null,
    })),
    choices: interviewers,
  };
}
