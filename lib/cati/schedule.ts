// What happens to a telephone case after an attempt (fieldwork.md "Call outcomes
// and scheduling"). Pure: the caller passes the clock (`at`) and the settings.
import { addUkDays, isWithinCallingHours, nextCallingTime, nextTimeIn, timeSlotOf, ukInstant, ukWallTime } from "./calendar";
import type { CatiCaseState, FinalReason } from "./case-state";
import { DISPOSITIONS, type DispositionCode } from "./dispositions";
import { dispositionOf, OUTCOMES, type CallOutcome } from "./outcomes";
import { TIME_SLOTS, type CatiSettings, type TimeSlot } from "./settings";

export interface ApplyOutcomeInput {
  caseState: CatiCaseState;
  outcome: CallOutcome;
  /** When the attempt ended. */
  at: Date;
  settings: CatiSettings;
  /** Required for APPOINTMENT_DEFINITE, optional for a break-off: the agreed time, inside calling hours. */
  appointmentAt?: Date;
  interviewerId: string;
  /** Break-off only: the overall satisfaction question was answered (questionnaire runner's isPartialThreshold). */
  partialThresholdReached?: boolean;
}

export type ScheduleErrorCode =
  "CASE_FINAL" | "APPOINTMENT_TIME_REQUIRED" | "APPOINTMENT_IN_PAST" | "APPOINTMENT_OUTSIDE_CALLING_HOURS" | "MESSAGE_LIMIT_REACHED";

export interface ScheduleError {
  code: ScheduleErrorCode;
  /** Form field to mark, when there is one. */
  field?: "appointmentAt" | "outcome";
  message: string;
}

export type ApplyOutcomeResult =
  | {
      ok: true;
      caseState: CatiCaseState;
      /** The disposition of this attempt, for the CallAttempt row. */
      attemptDisposition: DispositionCode;
      /** fieldwork.md: opt-out joins the do-not-contact register. */
      addToDoNotContact: boolean;
    }
  | { ok: false; error: ScheduleError };

/** The interviewer may still leave a message (fieldwork.md: at most 2 per case). */
export function mayLeaveMessage(caseState: CatiCaseState, settings: CatiSettings): boolean {
  return caseState.messagesLeft < settings.maxMessagesLeft;
}

export function applyOutcome(input: ApplyOutcomeInput): ApplyOutcomeResult {
  const { caseState: prev, outcome, at, settings, interviewerId } = input;
  const error = validate(input);
  if (error) return { ok: false, error };

  const def = OUTCOMES[outcome];
  const attemptDisposition = dispositionOf(outcome, input.partialThresholdReached);
  const slot = timeSlotOf(at, settings);
  const next: CatiCaseState = {
    ...prev,
    attempts: prev.attempts + 1,
    messagesLeft: prev.messagesLeft + (outcome === "ANSWERING_MACHINE_MESSAGE_LEFT" ? 1 : 0),
    softRefusals: prev.softRefusals + (outcome === "SOFT_REFUSAL" ? 1 : 0),
    contactMade: prev.contactMade || def.contact,
    breakOff: furthestBreakOff(prev.breakOff, outcome, input.partialThresholdReached),
    slotAttempts: slot ? { ...prev.slotAttempts, [slot]: prev.slotAttempts[slot] + 1 } : prev.slotAttempts,
    // A conversion attempt that reaches someone has been made; a missed call keeps it pending.
    refusalConversion: outcome === "SOFT_REFUSAL" || (prev.refusalConversion && !def.contact),
    appointment: null,
    disposition: attemptDisposition,
  };
  const done = (reason: FinalReason, disposition: DispositionCode): ApplyOutcomeResult => ({
    ok: true,
    caseState: {
      ...next,
      final: true,
      finalReason: reason,
      disposition: keepPartial(next, disposition),
      nextCallAt: null,
      appointment: null,
      refusalConversion: false,
    },
    attemptDisposition,
    addToDoNotContact: outcome === "OPT_OUT",
  });

  if (def.final) return done("OUTCOME", attemptDisposition);
  if (outcome === "SOFT_REFUSAL" && next.softRefusals > settings.softRefusalMaxConversions) {
    return done("SOFT_REFUSAL_NOT_CONVERTED", attemptDisposition);
  }
  if (next.attempts >= settings.maxAttempts) return done("MAX_ATTEMPTS", maxAttemptsDisposition(next));

  const scheduled = { ...next, final: false, finalReason: null };
  switch (outcome) {
    case "APPOINTMENT_DEFINITE":
      scheduled.nextCallAt = input.appointmentAt as Date;
      scheduled.appointment = { at: input.appointmentAt as Date, interviewerId };
      break;
    case "BUSY":
      scheduled.nextCallAt = nextCallingTime(plusMinutes(at, settings.retryDelayMinutes.busy), settings);
      break;
    case "INTERVIEW_STARTED_STOPPED":
      if (input.appointmentAt) {
        // The time the client agreed to carry on: an appointment with this interviewer.
        scheduled.nextCallAt = input.appointmentAt;
        scheduled.appointment = { at: input.appointmentAt, interviewerId };
      } else scheduled.nextCallAt = nextCallingTime(plusMinutes(at, settings.retryDelayMinutes.breakOff), settings);
      break;
    case "SOFT_REFUSAL":
      scheduled.nextCallAt = nextCallingTime(sameUkTimeLater(at, settings.softRefusalConversionDelayDays), settings);
      break;
    case "APPOINTMENT_UNSPECIFIED": {
      // "retry next day, another time slot": from UK midnight of the next day.
      const nextDay = ukInstant(addUkDays(ukWallTime(at).date, settings.unspecifiedAppointmentDelayDays), 0);
      scheduled.nextCallAt = spreadRetry(nextDay, scheduled, slot, settings);
      break;
    }
    default: {
      // NO_ANSWER and answering machines: "retry after 3 h, in a different time slot".
      const delay = outcome === "NO_ANSWER" ? settings.retryDelayMinutes.noAnswer : settings.retryDelayMinutes.answeringMachine;
      scheduled.nextCallAt = spreadRetry(plusMinutes(at, delay), scheduled, slot, settings);
    }
  }
  return { ok: true, caseState: scheduled, attemptDisposition, addToDoNotContact: false };
}

function validate({ caseState, outcome, at, settings, appointmentAt }: ApplyOutcomeInput): ScheduleError | null {
  if (caseState.final) return { code: "CASE_FINAL", message: `This case is already final (${caseState.disposition}); no more attempts can be recorded.` };
  if (outcome === "ANSWERING_MACHINE_MESSAGE_LEFT" && !mayLeaveMessage(caseState, settings)) {
    return {
      code: "MESSAGE_LIMIT_REACHED",
      field: "outcome",
      message: `This case already has ${caseState.messagesLeft} messages left (the limit is ${settings.maxMessagesLeft}); record "Answering machine, no message".`,
    };
  }
  // issue 18: a break-off may book the time the client agreed to carry on.
  if (outcome === "INTERVIEW_STARTED_STOPPED" && !appointmentAt) return null;
  if (outcome !== "APPOINTMENT_DEFINITE" && outcome !== "INTERVIEW_STARTED_STOPPED") return null;
  if (!appointmentAt) return { code: "APPOINTMENT_TIME_REQUIRED", field: "appointmentAt", message: "Enter the agreed date and time of the appointment." };
  if (appointmentAt.getTime() <= at.getTime())
    return { code: "APPOINTMENT_IN_PAST", field: "appointmentAt", message: "The appointment must be later than now." };
  if (!isWithinCallingHours(appointmentAt, settings)) {
    return {
      code: "APPOINTMENT_OUTSIDE_CALLING_HOURS",
      field: "appointmentAt",
      message: "That time is outside calling hours (UK time, no Sundays or bank holidays); agree another time.",
    };
  }
  return null;
}

/**
 * A case that reached the partial threshold stays a partial (1.2) whatever ends it
 * later, unless it completes or turns out not eligible (ours, after AAPOR: a
 * partial is judged by the answers obtained, not by the last call).
 */
function keepPartial(state: CatiCaseState, disposition: DispositionCode): DispositionCode {
  if (state.breakOff !== "partial") return disposition;
  const category = DISPOSITIONS[disposition].category;
  return category === "I" || category === "NE" ? disposition : "1.2";
}

function furthestBreakOff(prev: CatiCaseState["breakOff"], outcome: CallOutcome, partial?: boolean): CatiCaseState["breakOff"] {
  if (outcome !== "INTERVIEW_STARTED_STOPPED" || prev === "partial") return prev;
  return partial ? "partial" : "below-threshold";
}

/**
 * fieldwork.md: max attempts reached -> 2.30 if contact was ever made, else 3.90
 * (unknown eligibility: nobody confirmed the client is at this number). Ours, what
 * a case already showed comes first: a break-off 2.12, a soft refusal 2.111; a
 * partial stays 1.2 (keepPartial).
 */
export function maxAttemptsDisposition(state: CatiCaseState): DispositionCode {
  if (state.breakOff === "below-threshold") return "2.12";
  if (state.softRefusals > 0) return "2.111";
  return state.contactMade ? "2.30" : "3.90";
}

/**
 * The next retry at or after `earliest`, in the slot with the fewest attempts
 * per unit of weight, other than the slot just tried (queXS slot weights;
 * fieldwork.md "spreads attempts over slots"). Ties go to the earliest time.
 */
export function spreadRetry(earliest: Date, state: CatiCaseState, justTried: TimeSlot | null, settings: CatiSettings): Date {
  const weighted = TIME_SLOTS.filter((s) => settings.slotWeights[s] > 0);
  const others = weighted.filter((s) => s !== justTried);
  let best: { at: Date; score: number } | null = null;
  for (const slot of others.length > 0 ? others : weighted) {
    const at = nextTimeIn(earliest, settings, slot);
    if (!at) continue;
    const score = state.slotAttempts[slot] / settings.slotWeights[slot];
    if (!best || score < best.score || (score === best.score && at < best.at)) best = { at, score };
  }
  // No slot meets the calling hours (slots set outside them): any calling time.
  return best ? best.at : nextCallingTime(earliest, settings);
}

function plusMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Same UK wall time `days` later: "after 7 days" stays 7 calendar days across a clock change. */
function sameUkTimeLater(at: Date, days: number): Date {
  const wall = ukWallTime(at);
  return ukInstant(addUkDays(wall.date, days), wall.minuteOfDay);
}
