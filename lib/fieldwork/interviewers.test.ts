import { describe, expect, it } from "vitest";
import { appointmentKept, interviewerFigures } from "./interviewers";

const at = (hhmm: string, day = "2027-03-10") => new Date(`${day}T${hhmm}:00Z`); // March: UK time = UTC

describe("interviewerFigures", () => {
  it("counts attempts, contacts, completes, refusals and hours working", () => {
    const rows = [
      { interviewerId: "a", startedAt: at("09:00"), endedAt: at("09:02"), outcome: "NO_ANSWER", disposition: "3.13" },
      { interviewerId: "a", startedAt: at("09:05"), endedAt: at("09:25"), outcome: "COMPLETE", disposition: "1.1" },
      { interviewerId: "a", startedAt: at("09:30"), endedAt: at("09:33"), outcome: "HARD_REFUSAL", disposition: "2.112" },
      { interviewerId: "a", startedAt: at("10:40"), endedAt: at("11:00"), outcome: "COMPLETE", disposition: "1.1" },
    ];
    const f = interviewerFigures(rows, at("12:00"));
    expect(f).toMatchObject({ attempts: 4, hoursWorking: 2, attemptsPerHour: 2, contacts: 3, completes: 2, refusals: 1 });
    expect(f.refusalShare).toBeCloseTo(1 / 3, 12);
    expect(f.averageInterviewMinutes).toBe(20);
  });
  it("is n/a, not NaN, with no attempts", () => {
    expect(interviewerFigures([], at("12:00"))).toMatchObject({ attempts: 0, attemptsPerHour: null, refusalShare: null, averageInterviewMinutes: null });
  });
  it("adds days separately (the night between is not working time)", () => {
    const rows = [
      { interviewerId: "a", startedAt: at("09:00", "2027-03-09"), endedAt: at("10:00", "2027-03-09"), outcome: "BUSY", disposition: "3.13" },
      { interviewerId: "a", startedAt: at("09:00"), endedAt: null, outcome: null, disposition: null },
    ];
    expect(interviewerFigures(rows, at("09:30")).hoursWorking).toBe(1.5);
  });
});

describe("appointmentKept", () => {
  it("is kept when called within the hour, missed after it, pending before", () => {
    expect(appointmentKept(at("10:00"), [at("10:30")], at("12:00"))).toBe("KEPT");
    expect(appointmentKept(at("10:00"), [at("12:30")], at("13:00"))).toBe("MISSED");
    expect(appointmentKept(at("10:00"), [], at("10:30"))).toBe("PENDING");
  });
});
