import { describe, expect, it } from "vitest";
import { catiCaseStateSchema, freshCaseState, type CatiCaseState } from "./case-state";
import { comparePriority, holdExpiresAt, isDue, isHoldExpired, priorityKey, PRIORITY_RANK } from "./queue";
import { applyOutcome } from "./schedule";
import { DEFAULT_CATI_SETTINGS as S } from "./settings";

const utc = (iso: string) => new Date(iso);
const NOW = utc("2026-01-14T18:45:00Z"); // Wednesday, GMT

function after(outcome: "NO_ANSWER" | "APPOINTMENT_DEFINITE", at: string, interviewerId: string, appointmentAt?: string): CatiCaseState {
  const r = applyOutcome({ caseState: freshCaseState(), outcome, at: utc(at), settings: S, interviewerId, appointmentAt: appointmentAt ? utc(appointmentAt) : undefined });
  if (!r.ok) throw new Error(r.error.message);
  return r.caseState;
}

describe("isDue", () => {
  it("offers a fresh case at once, but only inside calling hours", () => {
    expect(isDue(freshCaseState(), NOW, S)).toBe(true);
    expect(isDue(freshCaseState(), utc("2026-01-14T20:00:00Z"), S)).toBe(false);
    expect(isDue(freshCaseState(), utc("2026-01-18T12:00:00Z"), S)).toBe(false); // Sunday
  });

  it("waits for the next call time and never offers a final case", () => {
    const retry = after("NO_ANSWER", "2026-01-14T10:00:00Z", "a"); // next 13:00
    expect(isDue(retry, utc("2026-01-14T12:59:00Z"), S)).toBe(false);
    expect(isDue(retry, utc("2026-01-14T13:00:00Z"), S)).toBe(true);
    const final = { ...retry, final: true };
    expect(isDue(final, NOW, S)).toBe(false);
  });
});

describe("priority (issue 4: own due appointment, other due appointments, retries, fresh)", () => {
  it("sorts the queue in that order, the longest overdue first within a rank", () => {
    const cases: Record<string, CatiCaseState> = {
      fresh: freshCaseState(),
      retryLate: after("NO_ANSWER", "2026-01-14T14:00:00Z", "a"), // next 17:00
      retryEarly: after("NO_ANSWER", "2026-01-14T10:00:00Z", "a"), // next 13:00
      otherAppointment: after("APPOINTMENT_DEFINITE", "2026-01-13T10:00:00Z", "b", "2026-01-14T18:00:00Z"),
      myLaterAppointment: after("APPOINTMENT_DEFINITE", "2026-01-13T10:00:00Z", "a", "2026-01-14T18:30:00Z"),
      myAppointment: after("APPOINTMENT_DEFINITE", "2026-01-13T10:00:00Z", "a", "2026-01-14T18:15:00Z"),
    };
    const due = Object.entries(cases).filter(([, c]) => isDue(c, NOW, S));
    expect(due).toHaveLength(6);
    const forA = [...due].sort(([, x], [, y]) => comparePriority(priorityKey(x, "a"), priorityKey(y, "a"))).map(([name]) => name);
    expect(forA).toEqual(["myAppointment", "myLaterAppointment", "otherAppointment", "retryEarly", "retryLate", "fresh"]);
    // for interviewer b, b's own appointment comes first
    const forB = [...due].sort(([, x], [, y]) => comparePriority(priorityKey(x, "b"), priorityKey(y, "b"))).map(([name]) => name);
    expect(forB).toEqual(["otherAppointment", "myAppointment", "myLaterAppointment", "retryEarly", "retryLate", "fresh"]);
  });

  it("exposes the rank the SQL CASE expression mirrors", () => {
    const mine = after("APPOINTMENT_DEFINITE", "2026-01-13T10:00:00Z", "a", "2026-01-14T18:15:00Z");
    expect(priorityKey(mine, "a")[0]).toBe(PRIORITY_RANK.OWN_APPOINTMENT);
    expect(priorityKey(mine, "z")[0]).toBe(PRIORITY_RANK.APPOINTMENT);
    expect(priorityKey(freshCaseState(), "a")[0]).toBe(PRIORITY_RANK.FRESH);
  });
});

describe("holds (fieldwork.md: an abandoned hold expires after 30 min)", () => {
  it("lapses 30 minutes after it was taken", () => {
    const until = holdExpiresAt(NOW, S);
    expect(until).toEqual(utc("2026-01-14T19:15:00Z"));
    expect(isHoldExpired(until, utc("2026-01-14T19:14:59Z"))).toBe(false);
    expect(isHoldExpired(until, utc("2026-01-14T19:15:00Z"))).toBe(true);
    expect(isHoldExpired(null, NOW)).toBe(true);
  });
});

describe("stored state", () => {
  it("round-trips through JSON", () => {
    const state = after("APPOINTMENT_DEFINITE", "2026-01-13T10:00:00Z", "a", "2026-01-14T18:15:00Z");
    expect(catiCaseStateSchema.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});
