// Interviewer performance for the control room (issue 15), from call attempts.
// "Signed in" is not recorded as a session; we take the time an interviewer was
// working cases: per UK day, from the first case taken to the last outcome
// recorded (or now, while a call is open). Attempts per hour divide by that.
import { ukWallTime } from "@/lib/cati/calendar";
import { OUTCOMES, type CallOutcome } from "@/lib/cati/outcomes";

export interface AttemptRow {
  interviewerId: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: string | null;
  disposition: string | null;
}

export interface InterviewerFigures {
  attempts: number;
  hoursWorking: number;
  attemptsPerHour: number | null;
  contacts: number;
  completes: number;
  refusals: number;
  /** Refusals as a share of contacts; null with no contacts. */
  refusalShare: number | null;
  /** Mean minutes of the attempts that completed an interview (case taken to interview completed). */
  averageInterviewMinutes: number | null;
}

const isOutcome = (o: string | null): o is CallOutcome => o !== null && Object.hasOwn(OUTCOMES, o);
const REFUSALS: readonly string[] = ["SOFT_REFUSAL", "HARD_REFUSAL", "OPT_OUT"];

export function interviewerFigures(rows: readonly AttemptRow[], now: Date): InterviewerFigures {
  const spans = new Map<string, { from: number; to: number }>();
  let contacts = 0,
    completes = 0,
    refusals = 0,
    interviewMs = 0;
  for (const r of rows) {
    const end = (r.endedAt ?? now).getTime();
    const day = ukWallTime(r.startedAt).date;
    const span = spans.get(day);
    spans.set(day, { from: Math.min(span?.from ?? Infinity, r.startedAt.getTime()), to: Math.max(span?.to ?? -Infinity, end) });
    if (isOutcome(r.outcome) && OUTCOMES[r.outcome].contact) contacts++;
    if (r.outcome === "COMPLETE" || r.disposition === "1.1") {
      completes++;
      interviewMs += end - r.startedAt.getTime();
    }
    if (r.outcome !== null && REFUSALS.includes(r.outcome)) refusals++;
  }
  const hoursWorking = [...spans.values()].reduce((h, s) => h + (s.to - s.from) / 3_600_000, 0);
  return {
    attempts: rows.length,
    hoursWorking,
    attemptsPerHour: hoursWorking > 0 ? rows.length / hoursWorking : null,
    contacts,
    completes,
    refusals,
    refusalShare: contacts > 0 ? refusals / contacts : null,
    averageInterviewMinutes: completes > 0 ? interviewMs / completes / 60_000 : null,
  };
}

/** An appointment is kept when the case is called within this long after its time. */
export const APPOINTMENT_GRACE_MINUTES = 60;

/** Kept: some attempt on the case started from 15 minutes before to the grace after; missed: the grace passed without one. */
export function appointmentKept(appointmentAt: Date, callsAfter: readonly Date[], now: Date): "KEPT" | "MISSED" | "PENDING" {
  const from = appointmentAt.getTime() - 15 * 60_000;
  const to = appointmentAt.getTime() + APPOINTMENT_GRACE_MINUTES * 60_000;
  if (callsAfter.some((t) => t.getTime() >= from && t.getTime() <= to)) return "KEPT";
  return now.getTime() > to ? "MISSED" : "PENDING";
}
