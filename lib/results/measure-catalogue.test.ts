import { describe, expect, it } from "vitest";
import { listMeasures } from "./measure-catalogue";

describe("measures carry the question in full (issue 18: the headline was cut off)", () => {
  it("words CES_SAT as the questionnaire does, with the service filled in", () => {
    const sat = listMeasures("CES").find((m) => m.id === "CES_SAT");
    expect(sat?.text).toBe("Overall, how satisfied or dissatisfied are you with the service provided by the Child Maintenance Service?");
    for (const m of listMeasures("CMS")) expect(m.text ?? "", m.id).not.toMatch(/\{\{|…$/);
  });
});
