import { describe, expect, it } from "vitest";
import { drawSampleSchema } from "./schemas";
import { contactPeriod, populationWords, sampleLabel, samplePeriodOf } from "./surveys";

describe("contact periods", () => {
  it("a CES quarter is a calendar quarter: three months, the year's end crossed", () => {
    expect(contactPeriod("QUARTER", "2023-Q2")).toEqual({
      period: "QUARTER",
      firstMonth: "2023-04",
      from: "2023-04-01",
      to: "2023-07-01",
      quarter: "2023-Q2",
      code: "2023-Q2",
      label: "April to June 2023 (2023-Q2)",
    });
    expect(contactPeriod("QUARTER", "2023-Q4")).toMatchObject({ firstMonth: "2023-10", from: "2023-10-01", to: "2024-01-01" });
    // The last quarter of the 2023/24 financial year.
    expect(contactPeriod("QUARTER", "2024-Q1")).toMatchObject({ from: "2024-01-01", to: "2024-04-01", label: "January to March 2024 (2024-Q1)" });
    expect(contactPeriod("MONTH", "2015-12")).toMatchObject({ from: "2015-12-01", to: "2016-01-01", quarter: "2015-Q4", label: "2015-12" });
  });

  it("a stored sample reads back as the period it was drawn for", () => {
    expect(samplePeriodOf({ period: "QUARTER", month: "2023-07" }).code).toBe("2023-Q3");
    expect(sampleLabel({ survey: "CES", period: "QUARTER", month: "2023-07", sequence: 2 })).toBe("CES 2023-Q3 top-up 1");
    expect(sampleLabel({ survey: "CMS", period: "MONTH", month: "2015-03", sequence: 1 })).toBe("CMS 2015-03");
    expect(populationWords("CES")).toBe("Clients with a new application or change of circumstances contact in the quarter");
    expect(populationWords("CMS")).toBe("Clients with a contact in the month");
  });
});

describe("drawSampleSchema", () => {
  it("CES takes a quarter and is mixed mode unless told otherwise; the monthly surveys keep the telephone", () => {
    expect(drawSampleSchema.parse({ survey: "CES", quarter: "2023-q2", month: "2015-03", allocation: "proportional", size: 5 })).toMatchObject({
      period: "QUARTER",
      periodCode: "2023-Q2",
      mode: "MIXED",
    });
    expect(drawSampleSchema.parse({ survey: "CES", quarter: "2023-Q2", mode: "PHONE", allocation: "proportional", size: 5 }).mode).toBe("PHONE");
    expect(drawSampleSchema.parse({ survey: "CMS", month: "2015-03", quarter: "2023-Q2", allocation: "proportional", size: 5 })).toMatchObject({
      period: "MONTH",
      periodCode: "2015-03",
      mode: "PHONE",
    });
  });

  it("says which period field is missing or wrong", () => {
    const issues = (input: object) =>
      drawSampleSchema.safeParse({ allocation: "proportional", size: 5, ...input }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ survey: "CES", month: "2023-04" })).toEqual([["quarter", "Enter the contact quarter"]]);
    expect(issues({ survey: "CES", quarter: "2023-04" })).toEqual([["quarter", "Enter the contact quarter as YYYY-Qn, like 2023-Q2 for April to June 2023"]]);
    expect(issues({ survey: "CMS", quarter: "2023-Q2" })).toEqual([["month", "Enter the contact month"]]);
  });
});
