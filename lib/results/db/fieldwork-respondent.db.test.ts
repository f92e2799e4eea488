import { describe, expect, it } from "vitest";
import { recordFieldworkRespondent } from "./fieldwork-respondent";
import { runResults } from "./run-results";

describe("fieldwork completions projected into the results' source", () => {
  it("stores effective answers as interchange cells and is counted by runResults with design weights", async () => {
    const base = {
      survey: "CMS" as const,
      questionnaireVersion: "CMS-2015",
      interviewDate: new Date("2016-02-10"),
      periodMonth: "2016-02",
      mode: "PHONE" as const,
      contactReason: "NEW_APPLICATION" as const,
    };
    for (let i = 0; i < 12; i++) {
      await recordFieldworkRespondent({
        ...base,
        respondentRef: `case-${i}`,
        role: i % 2 ? "PAYING_PARENT" : "RECEIVING_PARENT",
        stratum: i % 2 ? "2016-Q1|NEW_APPLICATION|PAYING_PARENT" : "2016-Q1|NEW_APPLICATION|RECEIVING_PARENT",
        weight: 10,
        answers: {
          CMS_SAT: { kind: "choice", code: i < 9 ? "SATISFIED" : "DISSATISFIED" },
          CMS_CS_POLITE: i === 0 ? { kind: "refused" } : { kind: "choice", code: "AGREE" },
        },
      });
    }
    const r = await runResults({
      request: { survey: "CMS", measure: "CMS_SAT", weights: "design", by: "role" },
      targetRows: [
        { variable: "stratum", category: "2016-Q1|NEW_APPLICATION|RECEIVING_PARENT", population: 600 },
        { variable: "stratum", category: "2016-Q1|NEW_APPLICATION|PAYING_PARENT", population: 200 },
      ],
    });
    expect(r.results.overall.base).toBe(12);
    // receiving: cases 0,2,4,6,8 satisfied, 10 not -> 5/6; paying: 1,3,5,7 satisfied, 9, 11 not -> 4/6; weighted (600·5/6 + 200·4/6) / 800
    expect(r.results.overall.estimate).toBeCloseTo(((600 * 5) / 6 + (200 * 4) / 6) / 800, 12);
    const polite = await runResults({ request: { survey: "CMS", measure: "CMS_CS_POLITE" } });
    expect(polite.results.overall.base).toBe(11);
  });
});
