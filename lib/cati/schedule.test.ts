import { describe, expect, it } from "vitest";
import { timeSlotOf } from "./calendar";
import { freshCaseState, type CatiCaseState } from "./case-state";
import type { CallOutcome } from "./outcomes";
import { applyOutcome, mayLeaveMessage, type ApplyOutcomeInput } from "./schedule";
import { catiSettingsSchema, DEFAULT_CATI_SETTINGS as S, type CatiSettings } from "./settings";

const utc = (iso: string) => new Date(iso);
const ME = "interviewer-a";

// January 2026 is GMT, so UK time = UTC. Monday 12 January.
function record(caseState: CatiCaseState, outcome: CallOutcome, at: string, extra: Partial<ApplyOutcomeInput> = {}, settings: CatiSettings = S) {
  const result = applyOutcome({ caseState, outcome, at: utc(at), settings, interviewerId: ME, ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

/** Records the outcome at each next call time, starting at `first`. */
function callRepeatedly(outcome: CallOutcome, first: string, times: number, settings: CatiSettings = S) {
  let state = freshCaseState();
  const calls: Date[] = [];
  let at = utc(first);
  for (let i = 0; i < times && !state.final; i++) {
    calls.push(at);
    state = record(state, outcome, at.toISOString(), {}, settings).caseState;
    if (state.nextCallAt) at = state.nextCallAt;
  }
  return { state, calls };
}

describe("retry after no answer (fieldwork.md: after 3 h, in a different time slot)", () => {
  it("moves each retry to a slot not tried yet, then spreads evenly", () => {
    let r = record(freshCaseState(), "NO_ANSWER", "2026-01-12T10:00:00Z"); // morning
    expect(r.caseState.nextCallAt).toEqual(utc("2026-01-12T13:00:00Z")); // afternoon, 3 h later
    expect(r.caseState.attempts).toBe(1);
    expect(r.caseState.disposition).toBe("3.13");
    r = record(r.caseState, "NO_ANSWER", "2026-01-12T13:00:00Z");
    expect(r.caseState.nextCallAt).toEqual(utc("2026-01-12T17:00:00Z")); // evening: untried beats morning
    r = record(r.caseState, "NO_ANSWER", "2026-01-12T17:00:00Z");
    expect(r.caseState.nextCallAt).toEqual(utc("2026-01-13T09:00:00Z")); // all tried once: the earliest other slot
    expect(r.caseState.slotAttempts).toEqual({ morning: 1, afternoon: 1, evening: 1 });
  });

  it("never retries in the slot just tried", () => {
    const { calls } = callRepeatedly("NO_ANSWER", "2026-01-12T10:00:00Z", 6, catiSettingsSchema.parse({ maxAttempts: 20 }));
    const slots = calls.map((c) => timeSlotOf(c));
    for (let i = 1; i < slots.length; i++) expect(slots[i]).not.toBe(slots[i - 1]);
  });

  it("weights slots: an afternoon weight of 3 wins over a sooner morning", () => {
    const weighted = catiSettingsSchema.parse({ slotWeights: { afternoon: 3 } });
    const state = { ...freshCaseState(), attempts: 3, slotAttempts: { morning: 1, afternoon: 2, evening: 0 } };
    // evening attempt -> morning has 1/1, afternoon 2/3 attempts per weight
    expect(record(state, "NO_ANSWER", "2026-01-12T17:00:00Z", {}, weighted).caseState.nextCallAt).toEqual(utc("2026-01-13T12:00:00Z"));
    expect(record(state, "NO_ANSWER", "2026-01-12T17:00:00Z").caseState.nextCallAt).toEqual(utc("2026-01-13T09:00:00Z"));
  });

  it("gives a slot of weight 2 about twice the attempts", () => {
    const settings = catiSettingsSchema.parse({ maxAttempts: 40, slotWeights: { evening: 2 } });
    const { state } = callRepeatedly("NO_ANSWER", "2026-01-12T10:00:00Z", 40, settings);
    // evening cannot follow evening, so at most every other attempt: 19 or 20 of 40
    expect(state.slotAttempts.evening).toBeGreaterThanOrEqual(19);
    expect(Math.abs(state.slotAttempts.morning - state.slotAttempts.afternoon)).toBeLessThanOrEqual(1);
  });

  it("crosses the October clock change into GMT", () => {
    // Saturday 24 October 2026 11:00 BST: Saturday closes 13:00, Sunday closed
    const r = record(freshCaseState(), "NO_ANSWER", "2026-10-24T10:00:00Z");
    expect(r.caseState.nextCallAt).toEqual(utc("2026-10-26T12:00:00Z")); // Monday 12:00 GMT, afternoon
  });
});

describe("busy and break-off", () => {
  it("retries busy after 30 minutes, across the March clock change when Saturday closes", () => {
    expect(record(freshCaseState(), "BUSY", "2026-01-12T10:00:00Z").caseState.nextCallAt).toEqual(utc("2026-01-12T10:30:00Z"));
    // Saturday 28 March 2026 12:45 GMT -> 13:15 closed -> Monday 09:00 BST
    expect(record(freshCaseState(), "BUSY", "2026-03-28T12:45:00Z").caseState.nextCallAt).toEqual(utc("2026-03-30T08:00:00Z"));
  });

  it("keeps a break-off open to resume: 2.12 before the threshold, 1.2 after", () => {
    const before = record(freshCaseState(), "INTERVIEW_STARTED_STOPPED", "2026-01-12T10:00:00Z");
    expect(before.caseState).toMatchObject({ final: false, disposition: "2.12", breakOff: "below-threshold" });
    expect(before.caseState.nextCallAt).toEqual(utc("2026-01-12T13:00:00Z"));
    const after = record(before.caseState, "INTERVIEW_STARTED_STOPPED", "2026-01-12T13:00:00Z", { partialThresholdReached: true });
    expect(after.caseState).toMatchObject({ final: false, disposition: "1.2", breakOff: "partial" });
    expect(record(after.caseState, "COMPLETE", "2026-01-12T17:00:00Z").caseState).toMatchObject({ final: true, disposition: "1.1" });
  });

  it("books the time the client agreed to carry on as this interviewer's appointment (issue 18)", () => {
    const agreed = utc("2026-01-13T15:30:00Z");
    const r = record(freshCaseState(), "INTERVIEW_STARTED_STOPPED", "2026-01-12T10:00:00Z", { appointmentAt: agreed, partialThresholdReached: true });
    expect(r.caseState).toMatchObject({ final: false, disposition: "1.2", nextCallAt: agreed, appointment: { at: agreed, interviewerId: ME } });
    const past = applyOutcome({
      caseState: freshCaseState(),
      outcome: "INTERVIEW_STARTED_STOPPED",
      at: utc("2026-01-12T10:00:00Z"),
      settings: S,
      interviewerId: ME,
      appointmentAt: utc("2026-01-12T09:00:00Z"),
    });
    expect(past).toMatchObject({ ok: false, error: { code: "APPOINTMENT_IN_PAST", field: "appointmentAt" } });
  });
});

describe("maximum attempts (fieldwork.md: 6, then final)", () => {
  it("ends at the 6th attempt with 3.90 when nobody was ever reached", () => {
    const { state, calls } = callRepeatedly("NO_ANSWER", "2026-01-12T10:00:00Z", 10);
    expect(calls).toHaveLength(6);
    expect(state).toMatchObject({ final: true, attempts: 6, disposition: "3.90", finalReason: "MAX_ATTEMPTS", nextCallAt: null });
  });

  it("ends with 2.30 when contact was made, 1.2 when a partial was reached", () => {
    let contact = record(freshCaseState(), "APPOINTMENT_UNSPECIFIED", "2026-01-12T10:00:00Z").caseState;
    let partial = record(freshCaseState(), "INTERVIEW_STARTED_STOPPED", "2026-01-12T10:00:00Z", { partialThresholdReached: true }).caseState;
    for (let i = 0; i < 5; i++) {
      contact = record(contact, "NO_ANSWER", "2026-01-13T10:00:00Z").caseState;
      partial = record(partial, "NO_ANSWER", "2026-01-13T10:00:00Z").caseState;
    }
    expect(contact).toMatchObject({ final: true, disposition: "2.30" });
    expect(partial).toMatchObject({ final: true, disposition: "1.2" });
  });

  it("follows the setting", () => {
    const { state } = callRepeatedly("NO_ANSWER", "2026-01-12T10:00:00Z", 10, catiSettingsSchema.parse({ maxAttempts: 3 }));
    expect(state.attempts).toBe(3);
  });
});

describe("answering machine (fieldwork.md: at most 2 messages left per case)", () => {
  it("refuses a third message and says what to record instead", () => {
    let state = record(freshCaseState(), "ANSWERING_MACHINE_MESSAGE_LEFT", "2026-01-12T10:00:00Z").caseState;
    expect(state.nextCallAt).toEqual(utc("2026-01-12T13:00:00Z"));
    state = record(state, "ANSWERING_MACHINE_MESSAGE_LEFT", "2026-01-12T13:00:00Z").caseState;
    expect(state.messagesLeft).toBe(2);
    expect(mayLeaveMessage(state, S)).toBe(false);
    const third = applyOutcome({
      caseState: state,
      outcome: "ANSWERING_MACHINE_MESSAGE_LEFT",
      at: utc("2026-01-12T17:00:00Z"),
      settings: S,
      interviewerId: ME,
    });
    expect(third).toMatchObject({ ok: false, error: { code: "MESSAGE_LIMIT_REACHED", field: "outcome" } });
    const noMessage = record(state, "ANSWERING_MACHINE_NO_MESSAGE", "2026-01-12T17:00:00Z").caseState;
    expect(noMessage).toMatchObject({ messagesLeft: 2, attempts: 3, disposition: "2.222" });
  });
});

describe("soft refusal (fieldwork.md: retried once after 7 days by a refusal-conversion interviewer)", () => {
  it("schedules one conversion attempt 7 days later, then a second refusal is final", () => {
    // Friday 27 March 2026 10:00 GMT; 7 days later is Good Friday 3 April (BST) -> Saturday 4 April 09:00 BST
    const first = record(freshCaseState(), "SOFT_REFUSAL", "2026-03-27T10:00:00Z").caseState;
    expect(first).toMatchObject({ final: false, refusalConversion: true, disposition: "2.111" });
    expect(first.nextCallAt).toEqual(utc("2026-04-04T08:00:00Z"));
    // Offered to refusal converters only, from then (take-next-case.db.test.ts holds the queue to that).

    // a missed conversion call keeps it pending
    const missed = record(first, "NO_ANSWER", "2026-04-04T08:00:00Z").caseState;
    expect(missed.refusalConversion).toBe(true);
    const second = record(missed, "SOFT_REFUSAL", "2026-04-06T15:00:00Z").caseState;
    expect(second).toMatchObject({ final: true, disposition: "2.111", finalReason: "SOFT_REFUSAL_NOT_CONVERTED", refusalConversion: false });
  });

  it("a converted case goes back to the ordinary queue", () => {
    const first = record(freshCaseState(), "SOFT_REFUSAL", "2026-01-12T10:00:00Z").caseState;
    const agreed = record(first, "APPOINTMENT_UNSPECIFIED", "2026-01-19T10:00:00Z").caseState;
    expect(agreed.refusalConversion).toBe(false);
  });

  it("is final at once when conversions are switched off", () => {
    const none = catiSettingsSchema.parse({ softRefusalMaxConversions: 0 });
    expect(record(freshCaseState(), "SOFT_REFUSAL", "2026-01-12T10:00:00Z", {}, none).caseState.final).toBe(true);
  });
});

describe("appointments", () => {
  it("a definite appointment is kept at the agreed UK time, owned by its interviewer", () => {
    const r = record(freshCaseState(), "APPOINTMENT_DEFINITE", "2026-01-12T10:00:00Z", { appointmentAt: utc("2026-01-14T18:30:00Z") });
    expect(r.caseState.nextCallAt).toEqual(utc("2026-01-14T18:30:00Z"));
    expect(r.caseState.appointment).toEqual({ at: utc("2026-01-14T18:30:00Z"), interviewerId: ME });
    expect(r.caseState.contactMade).toBe(true);
    // the next attempt clears it
    expect(record(r.caseState, "NO_ANSWER", "2026-01-14T18:30:00Z").caseState.appointment).toBeNull();
  });

  it("rejects a missing, past or out-of-hours appointment time", () => {
    const base = { caseState: freshCaseState(), outcome: "APPOINTMENT_DEFINITE" as const, at: utc("2026-01-12T10:00:00Z"), settings: S, interviewerId: ME };
    expect(applyOutcome(base)).toMatchObject({ ok: false, error: { code: "APPOINTMENT_TIME_REQUIRED", field: "appointmentAt" } });
    expect(applyOutcome({ ...base, appointmentAt: utc("2026-01-12T09:00:00Z") })).toMatchObject({ ok: false, error: { code: "APPOINTMENT_IN_PAST" } });
    // Sunday, Saturday afternoon, Monday 21:00; then Easter Monday 2015 09:00 BST
    for (const when of ["2026-01-18T10:00:00Z", "2026-01-17T14:00:00Z", "2026-01-12T21:00:00Z"]) {
      expect(applyOutcome({ ...base, appointmentAt: utc(when) })).toMatchObject({ ok: false, error: { code: "APPOINTMENT_OUTSIDE_CALLING_HOURS" } });
    }
    expect(applyOutcome({ ...base, at: utc("2015-04-02T10:00:00Z"), appointmentAt: utc("2015-04-06T08:00:00Z") })).toMatchObject({
      ok: false,
      error: { code: "APPOINTMENT_OUTSIDE_CALLING_HOURS" },
    });
  });

  it("call back later: the next day, in another slot", () => {
    expect(record(freshCaseState(), "APPOINTMENT_UNSPECIFIED", "2026-01-12T10:00:00Z").caseState.nextCallAt).toEqual(utc("2026-01-13T12:00:00Z"));
    expect(record(freshCaseState(), "APPOINTMENT_UNSPECIFIED", "2026-01-12T18:00:00Z").caseState.nextCallAt).toEqual(utc("2026-01-13T09:00:00Z"));
    // Friday evening -> Saturday morning (no evening on Saturday)
    expect(record(freshCaseState(), "APPOINTMENT_UNSPECIFIED", "2026-01-16T18:00:00Z").caseState.nextCallAt).toEqual(utc("2026-01-17T09:00:00Z"));
  });
});

describe("final outcomes", () => {
  it("opt-out is a final refusal that joins the do-not-contact register", () => {
    const r = record(freshCaseState(), "OPT_OUT", "2026-01-12T10:00:00Z");
    expect(r.addToDoNotContact).toBe(true);
    expect(r.caseState).toMatchObject({ final: true, disposition: "2.112", finalReason: "OUTCOME", nextCallAt: null });
    expect(record(freshCaseState(), "HARD_REFUSAL", "2026-01-12T10:00:00Z").addToDoNotContact).toBe(false);
  });

  it("a partial stays 1.2 when a refusal ends it, but not when it completes", () => {
    const partial = record(freshCaseState(), "INTERVIEW_STARTED_STOPPED", "2026-01-12T10:00:00Z", { partialThresholdReached: true }).caseState;
    const refused = record(partial, "HARD_REFUSAL", "2026-01-12T13:00:00Z");
    expect(refused.attemptDisposition).toBe("2.112");
    expect(refused.caseState).toMatchObject({ final: true, disposition: "1.2" });
    expect(record(partial, "NOT_ELIGIBLE", "2026-01-12T13:00:00Z").caseState.disposition).toBe("4.70");
  });

  it("refuses another attempt on a final case", () => {
    const done = record(freshCaseState(), "COMPLETE", "2026-01-12T10:00:00Z").caseState;
    expect(applyOutcome({ caseState: done, outcome: "NO_ANSWER", at: utc("2026-01-12T11:00:00Z"), settings: S, interviewerId: ME })).toMatchObject({
      ok: false,
      error: { code: "CASE_FINAL" },
    });
  });

  it("codes quota full as 4.80 and records the attempt", () => {
    const r = record(freshCaseState(), "QUOTA_FULL", "2026-01-12T10:00:00Z");
    expect(r.attemptDisposition).toBe("4.80");
    expect(r.caseState).toMatchObject({ final: true, attempts: 1 });
  });
});
