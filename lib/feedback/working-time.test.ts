import { describe, expect, it } from "vitest";
import { bankHolidays } from "@/lib/cati/bank-holidays";
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from "./bank-holidays";
import { dueTime, isWorkingDay } from "./working-time";

const HOURS = { start: "09:00", end: "17:00" };
const due = (iso: string, workingDays = 2) => dueTime({ openedAt: new Date(iso), workingDays, hours: HOURS }).toISOString();

describe("follow-up due times (two working days, 09:00-17:00 UK time)", () => {
  it("keeps the time of day on ordinary weekdays", () => {
    // Tuesday 1 December 2026, 10:30 GMT -> Thursday 3 December 10:30
    expect(due("2026-12-01T10:30:00Z")).toBe("2026-12-03T10:30:00.000Z");
  });

  it("skips the weekend: Friday afternoon is due on Tuesday", () => {
    expect(due("2026-11-27T16:00:00Z")).toBe("2026-12-01T16:00:00.000Z");
  });

  it("counts a weekend or evening opening from the next working morning", () => {
    // Saturday 28 November -> from Monday 30 November 09:00 -> Wednesday 2 December 09:00
    expect(due("2026-11-28T11:00:00Z")).toBe("2026-12-02T09:00:00.000Z");
    // Monday 30 November 18:00 -> from Tuesday 09:00 -> Thursday 3 December 09:00
    expect(due("2026-11-30T18:00:00Z")).toBe("2026-12-03T09:00:00.000Z");
    // before the day starts: that morning
    expect(due("2026-12-01T07:00:00Z")).toBe("2026-12-03T09:00:00.000Z");
  });

  it("skips bank holidays: Easter 2026 (Good Friday 3 April, Easter Monday 6 April), in BST", () => {
    // Thursday 2 April 2026 14:00 BST (13:00Z) -> Tuesday 7 April, Wednesday 8 April 14:00 BST
    expect(due("2026-04-02T13:00:00Z")).toBe("2026-04-08T13:00:00.000Z");
  });

  it("skips Christmas and the substitute Boxing Day of 2026 and a weekend together", () => {
    // Thursday 24 December 2026 12:00 -> Fri 25 (holiday), Sat, Sun, Mon 28 (substitute) -> Tue 29, Wed 30 12:00
    expect(due("2026-12-24T12:00:00Z")).toBe("2026-12-30T12:00:00.000Z");
  });

  it("refuses a year without a bank holiday list rather than guess", () => {
    expect(() => due("2029-01-10T12:00:00Z")).toThrow(/bank holiday list for 2029/);
  });
});

describe("the shipped bank holiday list", () => {
  it("agrees with the rules the telephone calendar computes, 2026-2028", () => {
    const computed = [2026, 2027, 2028].flatMap((y) => bankHolidays(y));
    expect([...BANK_HOLIDAYS_ENGLAND_AND_WALES].sort()).toEqual([...computed].sort());
  });

  it("makes weekends and bank holidays non-working days", () => {
    expect(isWorkingDay("2026-12-28")).toBe(false);
    expect(isWorkingDay("2026-12-26")).toBe(false);
    expect(isWorkingDay("2026-12-29")).toBe(true);
  });
});
