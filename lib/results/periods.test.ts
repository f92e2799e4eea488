import { describe, expect, it } from "vitest";
import { periodBounds, periodLabel, reportingQuarter } from "./periods";

describe("reporting periods", () => {
  it("quarters end in February, May, August and November (the CMS reports' quarters)", () => {
    expect(["2014-12-05", "2015-01-01", "2015-02-28"].map(reportingQuarter)).toEqual(["2015-02", "2015-02", "2015-02"]);
    expect(["2015-03-01", "2015-04-15", "2015-05-31"].map(reportingQuarter)).toEqual(["2015-05", "2015-05", "2015-05"]);
    expect(["2015-06-01", "2015-09-01", "2015-11-30"].map(reportingQuarter)).toEqual(["2015-08", "2015-11", "2015-11"]);
    expect(periodLabel("2015-05", "quarter")).toBe("Quarter ending May 2015");
    expect(periodLabel("2015-03", "month")).toBe("Mar 2015");
  });
  it("a month range covers whole months", () => {
    expect(periodBounds("2015-03", "2015-12")).toEqual({ gte: new Date("2015-03-01T00:00:00Z"), lt: new Date("2016-01-01T00:00:00Z") });
    expect(periodBounds()).toEqual({});
  });
});
