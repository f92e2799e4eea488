import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isWithinCallingHours } from "./calendar";
import { freshCaseState } from "./case-state";
import { CALL_OUTCOMES, type CallOutcome } from "./outcomes";
import { applyOutcome } from "./schedule";
import { catiSettingsSchema, DEFAULT_CATI_SETTINGS } from "./settings";

// Attempts happen at the scheduled time plus a lag (interviewers are busy), from
// a start anywhere in 2013-2030, so clock changes and bank holidays are crossed.
const step = fc.record({
  outcome: fc.constantFrom<CallOutcome>(...CALL_OUTCOMES),
  lagMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  appointmentInMinutes: fc.integer({ min: 1, max: 21 * 24 * 60 }),
  partial: fc.boolean(),
});
const start = fc.date({ min: new Date("2013-01-01T00:00:00Z"), max: new Date("2030-12-01T00:00:00Z"), noInvalidDate: true });
const settings = fc.constantFrom(
  DEFAULT_CATI_SETTINGS,
  catiSettingsSchema.parse({ maxAttempts: 3, maxMessagesLeft: 0 }),
  catiSettingsSchema.parse({ maxAttempts: 10, slotWeights: { morning: 0, evening: 3 }, callingHours: { sat: null } }),
);

describe("scheduler properties", () => {
  it("ends final within max attempts; every next call time is inside calling hours", () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 1, maxLength: 60 }), settings, (first, steps, s) => {
        let state = freshCaseState();
        let at = first;
        for (const { outcome, lagMinutes, appointmentInMinutes, partial } of steps) {
          if (state.final) break;
          const appointmentAt = new Date(at.getTime() + appointmentInMinutes * 60_000);
          const r = applyOutcome({ caseState: state, outcome, at, settings: s, interviewerId: "i", appointmentAt, partialThresholdReached: partial });
          if (!r.ok) {
            // only the rule refusals an interviewer can hit; state unchanged
            expect(["MESSAGE_LIMIT_REACHED", "APPOINTMENT_OUTSIDE_CALLING_HOURS"]).toContain(r.error.code);
            continue;
          }
          expect(r.caseState.attempts).toBe(state.attempts + 1);
          expect(r.caseState.attempts).toBeLessThanOrEqual(s.maxAttempts);
          expect(r.caseState.messagesLeft).toBeLessThanOrEqual(s.maxMessagesLeft);
          state = r.caseState;
          if (state.final) {
            expect(state.nextCallAt).toBeNull();
            break;
          }
          const next = state.nextCallAt as Date;
          expect(next.getTime()).toBeGreaterThan(at.getTime());
          expect(isWithinCallingHours(next, s)).toBe(true);
          at = new Date(next.getTime() + lagMinutes * 60_000);
        }
        // keep calling whatever is left with no answers: final by max attempts at the latest
        while (!state.final) {
          const r = applyOutcome({ caseState: state, outcome: "NO_ANSWER", at, settings: s, interviewerId: "i" });
          if (!r.ok) throw new Error(r.error.message);
          state = r.caseState;
          if (state.nextCallAt) at = state.nextCallAt;
        }
        expect(state.attempts).toBeLessThanOrEqual(s.maxAttempts);
      }),
      { numRuns: 300 },
    );
  });
});
