// Which cases an interviewer may be offered, and in what order (issue 4 "Next
// case": a due appointment of theirs first, then other due appointments, then
// retries, then fresh cases). The database query mirrors this in SQL:
//
//   WHERE NOT final AND (next_call_at IS NULL OR next_call_at <= $now)
//     AND (NOT refusal_conversion OR $canConvertRefusals)
//     AND (held_until IS NULL OR held_until <= $now)    -- abandoned holds expire
//     -- calling hours are checked once for $now in TypeScript (isWithinCallingHours):
//     -- outside them the query is not run at all
//   ORDER BY
//     CASE WHEN appointment_at IS NOT NULL AND appointment_by = $interviewer THEN 0
//          WHEN appointment_at IS NOT NULL THEN 1
//          WHEN attempts > 0 THEN 2
//          ELSE 3 END,
//     COALESCE(next_call_at, '-infinity'),  -- longest overdue first within a rank
//     draw_order, id                        -- fresh cases in their random release order
//   LIMIT 1 FOR UPDATE SKIP LOCKED
//
// lib/cati/db/take-next-case.ts runs it as one arm per rank (each ORDER BY ...
// LIMIT 1 FOR UPDATE SKIP LOCKED on its own index, UNION ALL ... LIMIT 1), which
// gives the same first case without sorting the whole queue.
//
// Why this order: a respondent who named a time is waiting for the call and the
// interviewer who agreed it has the rapport (fieldwork.md: "offered first to the
// interviewer who made it"), yet a missed appointment must not wait for them;
// retries come before fresh cases so that started cases reach a final
// disposition within the month instead of piling up as non-contacts; within a
// rank the longest overdue goes first, and fresh cases follow the stratum's
// random draw order so the released sample is worked without selection bias.
import { isWithinCallingHours } from "./calendar";
import type { CatiCaseState } from "./case-state";
import type { CatiSettings } from "./settings";

export const PRIORITY_RANK = { OWN_APPOINTMENT: 0, APPOINTMENT: 1, RETRY: 2, FRESH: 3 } as const;
export type PriorityRank = (typeof PRIORITY_RANK)[keyof typeof PRIORITY_RANK];

export interface QueueInterviewer {
  id: string;
  /** May take a soft refusal's conversion attempt (fieldwork.md: "by a refusal-conversion interviewer"). */
  canConvertRefusals?: boolean;
}

/**
 * The case may be offered now: open, its next call time reached (a fresh case
 * at once) and `now` inside calling hours. With an interviewer, a pending
 * refusal conversion is due only to a refusal converter.
 */
export function isDue(caseState: CatiCaseState, now: Date, settings: CatiSettings, interviewer?: QueueInterviewer): boolean {
  if (caseState.final) return false;
  if (caseState.nextCallAt && caseState.nextCallAt.getTime() > now.getTime()) return false;
  if (interviewer && caseState.refusalConversion && !interviewer.canConvertRefusals) return false;
  return isWithinCallingHours(now, settings);
}

/** Sort ascending (lexicographically) to get the most urgent case first; see comparePriority. */
export type PriorityKey = readonly [rank: PriorityRank, dueAtMs: number];

export function priorityKey(caseState: CatiCaseState, interviewerId: string): PriorityKey {
  if (caseState.appointment) {
    const rank = caseState.appointment.interviewerId === interviewerId ? PRIORITY_RANK.OWN_APPOINTMENT : PRIORITY_RANK.APPOINTMENT;
    return [rank, caseState.appointment.at.getTime()];
  }
  if (caseState.attempts > 0) return [PRIORITY_RANK.RETRY, caseState.nextCallAt?.getTime() ?? Number.NEGATIVE_INFINITY];
  return [PRIORITY_RANK.FRESH, caseState.nextCallAt?.getTime() ?? Number.NEGATIVE_INFINITY];
}

export function comparePriority(a: PriorityKey, b: PriorityKey): number {
  return a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1);
}

/** When a hold taken now lapses (fieldwork.md: an abandoned hold expires, 30 min). */
export function holdExpiresAt(now: Date, settings: CatiSettings): Date {
  return new Date(now.getTime() + settings.holdExpiryMinutes * 60_000);
}

export function isHoldExpired(heldUntil: Date | null, now: Date): boolean {
  return heldUntil === null || heldUntil.getTime() <= now.getTime();
}
