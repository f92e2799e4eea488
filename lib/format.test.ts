import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDayLong,
  formatDayShort,
  formatDateTimeSeconds,
  formatLongDate,
  formatMonth,
  formatNumber,
  formatPercent,
  formatTime,
  formatTimeSeconds,
  formatWeekdayDateTime,
  importHeading,
  importName,
  plural,
} from "./format";

// Fixed instants, one in winter (GMT) and one in summer (BST), so the tests pass on any date.
const winter = new Date("2026-12-03T15:30:07Z");
const summer = new Date("2026-07-03T15:30:07Z");

describe("UK dates and times", () => {
  it("shows winter times as GMT and summer times as BST", () => {
    expect(formatTime(winter)).toBe("15:30");
    expect(formatTime(summer)).toBe("16:30");
    expect(formatTimeSeconds(summer)).toBe("16:30:07");
  });

  it("writes dates the UK way", () => {
    expect(formatDate(winter)).toBe("3 Dec 2026");
    expect(formatLongDate(winter)).toBe("3 December 2026");
    expect(formatDateTime(winter)).toBe("3 Dec 2026, 15:30");
    expect(formatDateTimeSeconds(summer)).toBe("3 Jul 2026, 16:30:07");
    expect(formatWeekdayDateTime(winter)).toBe("Thu, 3 Dec 2026, 15:30");
  });

  it("puts a UK midnight on the UK date, not the UTC one", () => {
    expect(formatDate(new Date("2026-07-03T23:30:00Z"))).toBe("4 Jul 2026");
  });

  it("names a YYYY-MM month and leaves anything else alone", () => {
    expect(formatMonth("2019-04")).toBe("April 2019");
    expect(formatMonth("2019-12")).toBe("December 2019");
    expect(formatMonth("2019-13")).toBe("2019-13");
  });

  it("reads a YYYY-MM-DD day as that calendar day in any time zone", () => {
    expect(formatDayShort("2026-12-03")).toBe("3 Dec");
    expect(formatDay("2026-03-29")).toBe("29 Mar 2026"); // the day the clocks go forward
    expect(formatDayLong("2026-12-03")).toBe("Thursday, 3 December 2026");
  });
});

describe("numbers", () => {
  it("groups thousands and dashes what is missing", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(null)).toBe("–");
  });

  it("writes rates as percentages", () => {
    expect(formatPercent(0.425)).toBe("42.5%");
    expect(formatPercent(1 / 3, 0)).toBe("33%");
    expect(formatPercent(null)).toBe("–");
  });

  it("pluralises counts", () => {
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(1200, "row")).toBe("1,200 rows");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });
});

describe("imports", () => {
  it("are named by their file, or by their number when the file had no name (a link is never empty)", () => {
    expect(importName({ id: 22n, fileName: "frame-2026-11.csv" })).toBe("frame-2026-11.csv");
    expect(importName({ id: 22n, fileName: "" })).toBe("Import 22 (no file name)");
    expect(importName({ id: "7", fileName: "   " })).toBe("Import 7 (no file name)");
    expect(importHeading({ id: 22n, fileName: "frame-2026-11.csv" })).toBe("Import of frame-2026-11.csv");
    expect(importHeading({ id: 22n, fileName: "" })).toBe("Import 22 (no file name)");
  });
});
