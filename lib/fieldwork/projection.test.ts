import { describe, expect, it } from "vitest";
import { cellOutlook, cumulativeByDay, projectCompletion } from "./projection";

describe("projectCompletion", () => {
  it("projects at the last seven days' rate", () => {
    // 14 completes in the 7 days to 10 March (2 a day); 30 still needed -> 15 days -> 25 March.
    const daily = [
      { date: "2027-03-01", completes: 50 }, // before the window: not in the rate
      { date: "2027-03-04", completes: 6 },
      { date: "2027-03-10", completes: 8 },
    ];
    const p = projectCompletion({ target: 94, completes: 64, daily, today: "2027-03-10" });
    expect(p).toMatchObject({ lastSevenDays: 14, perDay: 2, stillNeeded: 30, projectedDate: "2027-03-25", status: "PROJECTED" });
  });

  it("rounds a part day up", () => {
    expect(projectCompletion({ target: 10, completes: 3, daily: [{ date: "2027-03-10", completes: 3 }], today: "2027-03-10" }).projectedDate).toBe(
      "2027-03-27",
    ); // 7 / (3/7) = 16.33 -> 17 days after 10 March
  });

  it("has no date and no division by zero with no completes yet", () => {
    const p = projectCompletion({ target: 100, completes: 0, daily: [], today: "2027-03-10" });
    expect(p).toMatchObject({ lastSevenDays: 0, perDay: 0, projectedDate: null, status: "NO_RECENT_COMPLETES", stillNeeded: 100 });
  });

  it("says reached when the target is met", () => {
    expect(projectCompletion({ target: 5, completes: 6, daily: [], today: "2027-03-10" })).toMatchObject({
      status: "REACHED",
      stillNeeded: 0,
      projectedDate: "2027-03-10",
    });
  });
});

describe("cumulativeByDay", () => {
  it("fills the days between, up to today", () => {
    expect(
      cumulativeByDay(
        [
          { date: "2027-03-08", completes: 2 },
          { date: "2027-03-10", completes: 1 },
        ],
        "2027-03-11",
      ),
    ).toEqual([
      { date: "2027-03-08", completes: 2, cumulative: 2 },
      { date: "2027-03-09", completes: 0, cumulative: 2 },
      { date: "2027-03-10", completes: 1, cumulative: 3 },
      { date: "2027-03-11", completes: 0, cumulative: 3 },
    ]);
  });
  it("is today alone with no completes", () => {
    expect(cumulativeByDay([], "2027-03-11")).toEqual([{ date: "2027-03-11", completes: 0, cumulative: 0 }]);
  });
});

describe("cellOutlook", () => {
  it("warns and sizes the top-up when the remaining cases will not reach the target", () => {
    // 40 finished, 8 completes: yield 0.2. 20 still to try -> 4 expected; 10 needed -> short 6 -> 30 cases.
    expect(cellOutlook({ stillNeeded: 10, stillToTry: 20, finished: 40, finishedCompletes: 8, sampleYield: 0.5 })).toEqual({
      stillNeeded: 10,
      yieldPerCase: 0.2,
      expectedFromRemaining: 4,
      runsOut: true,
      topUp: 30,
    });
  });
  it("uses the sample's yield while the cell has few finished cases", () => {
    expect(cellOutlook({ stillNeeded: 5, stillToTry: 20, finished: 3, finishedCompletes: 0, sampleYield: 0.25 })).toMatchObject({
      yieldPerCase: 0.25,
      runsOut: false,
      topUp: 0,
    });
  });
  it("gives no warning without a yield yet", () => {
    expect(cellOutlook({ stillNeeded: 5, stillToTry: 2, finished: 0, finishedCompletes: 0, sampleYield: null })).toMatchObject({ runsOut: false, topUp: null });
  });
  it("is never short when the cell is full", () => {
    expect(cellOutlook({ stillNeeded: 0, stillToTry: 0, finished: 30, finishedCompletes: 3, sampleYield: 0.1 })).toMatchObject({ runsOut: false, topUp: 0 });
  });
});
