import "server-only";

// A case's call history as the case screen and the supervisor's case page show
// it: telephone attempts and online outcomes, oldest first.

/** What both pages select of each CallAttempt. */
export const CALL_HISTORY_SELECT = {
  orderBy: { startedAt: "asc" },
  select: { id: true, startedAt: true, endedAt: true, outcome: true, disposition: true, appointmentAt: true, interviewer: { select: { name: true } } },
} as const;

export interface CallHistoryEntry {
  id: string;
  /** the interviewer's name, or "Online (the respondent)" for a web outcome */
  interviewer: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: string | null;
  disposition: string | null;
  appointmentAt: Date | null;
}

type AttemptRow = {
  id: bigint;
  startedAt: Date;
  endedAt: Date | null;
  outcome: string | null;
  disposition: string | null;
  appointmentAt: Date | null;
  interviewer: { name: string } | null;
};

export function callHistory(attempts: readonly AttemptRow[]): CallHistoryEntry[] {
  return attempts.map((a) => ({
    id: a.id.toString(),
    interviewer: a.interviewer?.name ?? "Online (the respondent)",
    startedAt: a.startedAt,
    endedAt: a.endedAt,
    outcome: a.outcome,
    disposition: a.disposition,
    appointmentAt: a.appointmentAt,
  }));
}
