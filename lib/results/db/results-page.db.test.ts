import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { importResponses } from "./import-responses";
import { resultsPageData } from "./results-page";

describe("the results page's measures (issue 18)", () => {
  it("marks a measure that no respondent in the chosen period answered", async () => {
    const month = `${2000 + Math.floor(Math.random() * 10)}-0${1 + Math.floor(Math.random() * 9)}`;
    const head = "respondent_ref,survey,questionnaire_version,interview_date,mode,role,contact_reason,CMS_SAT";
    const rows = Array.from({ length: 3 }, (_, i) => `MEAS-${month}-${i},CMS,CMS-2015,${month}-1${i},PHONE,RECEIVING_PARENT,ARREARS,SATISFIED`);
    const imported = await importResponses({ fileName: "m.csv", input: Readable.from([`${head}\n${rows.join("\n")}\n`]) });
    expect(imported, JSON.stringify(imported.errors?.slice(0, 2))).toMatchObject({ rejected: 0 });
    const data = await resultsPageData({ survey: "CMS", from: month, to: month, measure: "CMS_SAT" });
    const label = (id: string) => data.measures.find((m) => m.id === id)?.label ?? "";
    expect(label("CMS_SAT")).not.toContain("no respondents");
    expect(label("CMS_CS_POLITE")).toMatch(/\(no respondents in this period\)$/);
  });
});
