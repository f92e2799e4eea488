import { describe, expect, it } from "vitest";
import { bankHolidays, easterSunday } from "./bank-holidays";
import { isWithinCallingHours, nextCallingTime, timeSlotOf, ukInstant, ukWallTime } from "./calendar";
import { catiSettingsSchema, DEFAULT_CATI_SETTINGS as S } from "./settings";

const utc = (iso: string) => new Date(iso);

describe("England and Wales bank holidays", () => {
  it("match gov.uk for years with substitutes and one-offs", () => {
    // gov.uk/bank-holidays, England and Wales
    expect(bankHolidays(2015)).toEqual(["2015-01-01", "2015-04-03", "2015-04-06", "2015-05-04", "2015-05-25", "2015-08-31", "2015-12-25", "2015-12-28"]);
    expect(bankHolidays(2016)).toEqual(["2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26", "2016-12-27"]);
    expect(bankHolidays(2020)).toEqual(["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"]);
    expect(bankHolidays(2021)).toEqual(["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"]);
    expect(bankHolidays(2022)).toEqual([
      "2022-01-03",
      "2022-04-15",
      "2022-04-18",
      "2022-05-02",
      "2022-06-02",
      "2022-06-03",
      "2022-08-29",
      "2022-09-19",
      "2022-12-26",
      "2022-12-27",
    ]);
    expect(bankHolidays(2017)[0]).toBe("2017-01-02"); // New Year's Day on a Sunday
    expect(bankHolidays(2028)[0]).toBe("2028-01-03"); // on a Saturday
    expect(bankHolidays(2027)).toEqual(["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]);
    expect(bankHolidays(2023)).toEqual([
      "2023-01-02",
      "2023-04-07",
      "2023-04-10",
      "2023-05-01",
      "2023-05-08",
      "2023-05-29",
      "2023-08-28",
      "2023-12-25",
      "2023-12-26",
    ]);
  });

  it("has eight standing days every year 2013-2030, more only in 2022-2023", () => {
    for (let y = 2013; y <= 2030; y++) {
      const expected = y === 2022 ? 10 : y === 2023 ? 9 : 8;
      expect(bankHolidays(y), String(y)).toHaveLength(expected);
    }
  });

  it("computes Easter Sunday (anonymous Gregorian)", () => {
    expect(easterSunday(2013)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2019)).toEqual({ month: 4, day: 21 });
    expect(easterSunday(2024)).toEqual({ month: 3, day: 31 });
    expect(easterSunday(2030)).toEqual({ month: 4, day: 21 });
  });
});

describe("UK wall time", () => {
  it("follows BST in summer and GMT in winter", () => {
    expect(ukWallTime(utc("2026-07-01T08:00:00Z"))).toMatchObject({ date: "2026-07-01", minuteOfDay: 9 * 60, weekday: "wed" });
    expect(ukWallTime(utc("2026-01-07T09:00:00Z"))).toMatchObject({ date: "2026-01-07", minuteOfDay: 9 * 60 });
    expect(ukInstant("2026-07-01", 9 * 60).toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(ukInstant("2026-01-07", 9 * 60).toISOString()).toBe("2026-01-07T09:00:00.000Z");
  });

  it("resolves the skipped spring hour forward and the repeated autumn hour to the first", () => {
    expect(ukInstant("2026-03-29", 60 + 30).toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 02:30 BST
    expect(ukInstant("2026-10-25", 60 + 30).toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 01:30 BST
  });
});

describe("calling hours (fieldwork.md: Mon-Fri 09:00-20:00, Sat 09:00-13:00, no Sundays or bank holidays)", () => {
  it("opens at 09:00 and closes at 20:00 UK time on a weekday, in BST", () => {
    expect(isWithinCallingHours(utc("2026-07-01T07:59:59Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2026-07-01T08:00:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2026-07-01T18:59:59Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2026-07-01T19:00:00Z"), S)).toBe(false);
  });

  it("keeps 09:00-20:00 in GMT", () => {
    expect(isWithinCallingHours(utc("2026-01-07T08:59:00Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2026-01-07T09:00:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2026-01-07T19:59:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2026-01-07T20:00:00Z"), S)).toBe(false);
  });

  it("calls on Saturday morning only, never on Sunday", () => {
    expect(isWithinCallingHours(utc("2026-01-10T12:59:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2026-01-10T13:00:00Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2026-01-11T10:00:00Z"), S)).toBe(false);
  });

  it("is closed on bank holidays: Easter Monday 2015, Christmas substitutes 2021, the 2023 Coronation", () => {
    expect(isWithinCallingHours(utc("2015-04-06T10:00:00Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2015-04-07T10:00:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2021-12-27T10:00:00Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2021-12-28T10:00:00Z"), S)).toBe(false);
    expect(isWithinCallingHours(utc("2021-12-29T10:00:00Z"), S)).toBe(true);
    expect(isWithinCallingHours(utc("2023-05-08T10:00:00Z"), S)).toBe(false);
  });

  it("never calls on Christmas Day even on a Saturday (substitute on Monday)", () => {
    expect(isWithinCallingHours(utc("2021-12-25T10:00:00Z"), S)).toBe(false);
  });

  it("follows settings: a bank holiday can be opened, an extra day closed", () => {
    const open = catiSettingsSchema.parse({ closedOnBankHolidays: false, extraClosedDates: ["2026-07-01"] });
    expect(isWithinCallingHours(utc("2015-04-06T10:00:00Z"), open)).toBe(true);
    expect(isWithinCallingHours(utc("2026-07-01T10:00:00Z"), open)).toBe(false);
  });
});

describe("nextCallingTime", () => {
  it("returns the instant itself inside calling hours", () => {
    expect(nextCallingTime(utc("2026-07-01T10:15:00Z"), S).toISOString()).toBe("2026-07-01T10:15:00.000Z");
  });

  it("moves a Saturday afternoon to Monday 09:00", () => {
    expect(nextCallingTime(utc("2026-01-10T13:30:00Z"), S).toISOString()).toBe("2026-01-12T09:00:00.000Z");
  });

  it("skips Easter 2015: Thursday evening -> Saturday 09:00 BST, Saturday afternoon -> Tuesday", () => {
    expect(nextCallingTime(utc("2015-04-02T19:30:00Z"), S).toISOString()).toBe("2015-04-04T08:00:00.000Z");
    expect(nextCallingTime(utc("2015-04-04T12:30:00Z"), S).toISOString()).toBe("2015-04-07T08:00:00.000Z");
  });

  it("skips Christmas 2021: Friday 24th evening -> Wednesday 29th", () => {
    expect(nextCallingTime(utc("2021-12-24T20:30:00Z"), S).toISOString()).toBe("2021-12-29T09:00:00.000Z");
  });

  it("lands at 09:00 UK on the far side of a clock change", () => {
    // Saturday 28 March 2026 13:00 GMT; clocks go forward Sunday 29th
    expect(nextCallingTime(utc("2026-03-28T13:00:00Z"), S).toISOString()).toBe("2026-03-30T08:00:00.000Z");
    // Saturday 24 October 2026 13:00 BST; clocks go back Sunday 25th
    expect(nextCallingTime(utc("2026-10-24T12:00:00Z"), S).toISOString()).toBe("2026-10-26T09:00:00.000Z");
  });

  it("can keep to one time slot", () => {
    expect(nextCallingTime(utc("2026-01-09T10:00:00Z"), S, "evening").toISOString()).toBe("2026-01-09T17:00:00.000Z");
    // no evening on Saturday: Friday 20:30 -> Monday 17:00
    expect(nextCallingTime(utc("2026-01-09T20:30:00Z"), S, "evening").toISOString()).toBe("2026-01-12T17:00:00.000Z");
  });
});

describe("timeSlotOf", () => {
  it("reads the slot in UK time", () => {
    expect(timeSlotOf(utc("2026-07-01T10:59:00Z"))).toBe("morning"); // 11:59 BST
    expect(timeSlotOf(utc("2026-07-01T11:00:00Z"))).toBe("afternoon"); // 12:00 BST
    expect(timeSlotOf(utc("2026-07-01T16:00:00Z"))).toBe("evening"); // 17:00 BST
    expect(timeSlotOf(utc("2026-01-07T12:00:00Z"))).toBe("afternoon"); // 12:00 GMT
    expect(timeSlotOf(utc("2026-01-07T20:00:00Z"))).toBeNull();
  });
});
