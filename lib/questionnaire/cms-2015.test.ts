import { describe, expect, it } from "vitest";
import { getQuestionnaireVersion } from "./registry";
import { onRouteQuestionIds } from "./runner";

// seed 001: "Kept you informed..." was not asked during the quarter ending May
// 2015, i.e. contact months March-May 2015 (versions/cms-2015.ts).

const cms2015 = getQuestionnaireVersion("CMS-2015");
if (!cms2015) throw new Error("CMS-2015 missing");

const informedAsked = (contactMonth: string | undefined) =>
  onRouteQuestionIds({ version: cms2015, caseAttributes: { role: "PAYING_PARENT", contactMonth }, answers: {} }).includes("CMS_CS_INFORMED");

describe("CMS-2015 CMS_CS_INFORMED routing by contact month", () => {
  it.each([
    ["2015-02", true],
    ["2015-03", false],
    ["2015-04", false],
    ["2015-05", false],
    ["2015-06", true],
    ["2016-08", true],
    ["2014-04", true],
  ] as const)("contact month %s: asked=%s", (month, asked) => {
    expect(informedAsked(month)).toBe(asked);
  });

  it("asks it when the case has no contact month (preview, try it)", () => {
    expect(informedAsked(undefined)).toBe(true);
  });

  it("asks POLITE in every month, including the quarter ending May 2015", () => {
    const route = onRouteQuestionIds({ version: cms2015, caseAttributes: { contactMonth: "2015-04" }, answers: {} });
    expect(route).toEqual([
      "CMS_SAT",
      "CMS_CS_POLITE",
      "CMS_CS_COURTESY",
      "CMS_CS_SENSITIVE",
      "CMS_CS_IMPARTIAL",
      "CMS_CS_WRITTEN",
      "CMS_CS_KNOWLEDGE",
      "CMS_CS_UNDERSTOOD",
    ]);
  });
});
