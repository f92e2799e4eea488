import { describe, expect, it } from "vitest";
import { buildDesign } from "@/lib/analysis";
import { AppError } from "@/lib/errors";
import { checkColumn, detailedReport, measureReport, resultsJson } from "./report";
import { respondentTable, type RespondentRow } from "./respondent-table";
import { resultsRequestSchema } from "./results-request";

// report.ts over respondents built in memory: the numbers a reader of the
// results page would check, without a database.

const row = (i: number, answer: string, role: string, interviewDate: string): RespondentRow => ({
  respondentRef: `R${i}`,
  questionnaireVersion: "CMS-2015",
  interviewDate,
  mode: "PHONE",
  role,
  contactReason: "NEW_APPLICATION",
  ageBand: null,
  gender: null,
  ethnicity: null,
  health: null,
  serviceLength: null,
  csaClosureLetter: null,
  stratum: null,
  weight: null,
  answers: { CMS_SAT: answer },
});

// 10 respondents: 4 of 6 receiving parents and 1 of 4 paying parents satisfied; March and June 2015.
const rows = [
  ...["SATISFIED", "SATISFIED", "SATISFIED", "SATISFIED", "DISSATISFIED", "DISSATISFIED"].map((a, i) => row(i, a, "RECEIVING_PARENT", "2015-03-10")),
  ...["SATISFIED", "DISSATISFIED", "DISSATISFIED", "DISSATISFIED"].map((a, i) => row(10 + i, a, "PAYING_PARENT", "2015-06-10")),
];
const r = respondentTable("CMS", rows);
const design = buildDesign(r, { method: "none" });
const request = (fields: Record<string, string>) => resultsRequestSchema.parse({ survey: "CMS", weights: "none", minimumBase: "1", ...fields });

describe("measureReport", () => {
  it("gives the share overall and by a breakdown, unweighted", () => {
    const report = measureReport(r, design, request({ measure: "CMS_SAT=SATISFIED", by: "role" }));
    expect(report.results).toMatchObject({ survey: "CMS", respondents: 10, by: "role", weighting: "none" });
    expect(report.results.overall).toMatchObject({ base: 10, estimate: 0.5 });
    const byRole = Object.fromEntries(report.results.groups.map((g) => [g.category, [g.base, g.estimate]]));
    expect(byRole).toEqual({ RECEIVING_PARENT: [6, 4 / 6], PAYING_PARENT: [4, 0.25] });
    expect(resultsJson(report)).toMatchObject({ survey: "CMS", respondents: 10, overall: { base: 10, estimate: 0.5 } });
  });

  it("refuses a breakdown the respondents do not have, naming it and the field", () => {
    expect(() => checkColumn(r, "colour", "by")).toThrow(AppError);
    expect(() => checkColumn(r, "colour", "by")).toThrow(/Unknown breakdown "colour"/);
  });
});

describe("detailedReport", () => {
  it("adds the series by quarter ending, each with the questionnaire versions answered", () => {
    const report = detailedReport(r, design, request({ measure: "CMS_SAT=SATISFIED" }));
    expect(report.series?.quarterly.map((p) => [p.label, p.base, p.estimate, p.versions])).toEqual([
      ["Quarter ending May 2015", 6, 4 / 6, ["CMS-2015"]],
      ["Quarter ending Aug 2015", 4, 0.25, ["CMS-2015"]],
    ]);
    expect(report.series?.monthly.map((p) => p.label)).toEqual(["Mar 2015", "Jun 2015"]);
  });
});
