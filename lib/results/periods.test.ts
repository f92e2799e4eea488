import { describe, expect, it } from "vitest";
import { periodBounds, periodLabel, reportingQuarter, sampleContactMonth } from "./periods";

describe("reporting periods", () => {
  it("quarters end in February, May, August and November (the CMS reports' quarters)", () => {
    expect(["2014-12-05", "2015-01-01", "2015-02-28"].map((d) => reportingQuarter(d))).toEqual(["2015-02", "2015-02", "2015-02"]);
    expect(["2015-03-01", "2015-04-15", "2015-05-31"].map((d) => reportingQuarter(d))).toEqual(["2015-05", "2015-05", "2015-05"]);
    expect(["2015-06-01", "2015-09-01", "2015-11-30"].map((d) => reportingQuarter(d))).toEqual(["2015-08", "2015-11", "2015-11"]);
    expect(periodLabel("2015-05", "quarter")).toBe("Quarter ending May 2015");
    expect(periodLabel("2015-03", "month")).toBe("Mar 2015");
  });
  it("CES reports by financial-year quarters, April to June first (issue 18)", () => {
    expect(["2023-04-01", "2023-06-30", "2023-07-01", "2023-12-31", "2024-01-01", "2024-03-31"].map((d) => reportingQuarter(d, "CES"))).toEqual([
      "2023/24 Q1",
      "2023/24 Q1",
      "2023/24 Q2",
      "2023/24 Q3",
      "2023/24 Q4",
      "2023/24 Q4",
    ]);
    expect(periodLabel("2023/24 Q1", "quarter")).toBe("2023/24 Q1 (April to June 2023)");
    expect(periodLabel("2023/24 Q4", "quarter")).toBe("2023/24 Q4 (January to March 2024)");
    expect(reportingQuarter("2024-05-01", "CMS")).toBe("2024-05");
  });
  it("a month range covers whole months", () => {
    expect(periodBounds("2015-03", "2015-12")).toEqual({ gte: new Date("2015-03-01T00:00:00Z"), lt: new Date("2016-01-01T00:00:00Z") });
    expect(periodBounds()).toEqual({});
  });
  it("a sampled case's period is its sample's contact month, not its interview date (issue 18)", () => {
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    expect(sampleContactMonth({ period: "MONTH", month: "2016-01" }, day("2016-01-20"))).toBe("2016-01");
    // the frame row may hold a later contact since the draw: the sample's month still holds
    expect(sampleContactMonth({ period: "MONTH", month: "2016-01" }, day("2016-03-02"))).toBe("2016-01");
    // a CES quarter (October to December 2023): the client's contact month in it, else the quarter's first month
    expect(sampleContactMonth({ period: "QUARTER", month: "2023-10" }, day("2023-12-31"))).toBe("2023-12");
    expect(sampleContactMonth({ period: "QUARTER", month: "2023-10" }, day("2024-01-05"))).toBe("2023-10");
  });
});
