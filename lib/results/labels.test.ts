import { describe, expect, it } from "vitest";
import { answerLabel, categoryLabel, questionLabel } from "./labels";

describe("results in words, not codes (issue 18)", () => {
  it("answers take the questionnaire's wording", () => {
    expect(answerLabel("CMS", "CMS_SAT", "VERY_SATISFIED")).toMatch(/^Very satisfied$/i);
    expect(answerLabel("CES", "CES_DIGITAL", "YES_WITH_HELP")).toBe("Yes, with help");
    expect(answerLabel("CMS", "CMS_CS_INFORMED", "STRONGLY_AGREE")).toMatch(/^Strongly agree/);
    expect(answerLabel("CMS", "CMS_SAT", "NOT_A_CODE")).toBe("NOT_A_CODE");
  });

  it("breakdown categories take the code lists' and the questionnaire's words", () => {
    expect(categoryLabel("CMS", "role", "RECEIVING_PARENT")).toBe("Receiving parent");
    expect(categoryLabel("OPTIONS", "role", "MAIN_CARE")).toBe("Parent with main day-to-day care");
    expect(categoryLabel("CES", "contact_reason", "CHANGE_OF_CIRCUMSTANCES")).toBe("Change of circumstances");
    expect(categoryLabel("CES", "ethnicity", "BLACK")).toBe("Black/African/Caribbean/Black British");
    expect(categoryLabel("CMS", "gender", "UNKNOWN")).toBe("Not known");
    expect(categoryLabel("CES", "service_length", "LT1Y")).toBe("Less than 1 year");
    expect(categoryLabel("CES", "mode", "PHONE")).toBe("Telephone");
    expect(categoryLabel("CES", "CES_DIGITAL", "NO")).toBe("No");
    expect(categoryLabel("CMS", "role*contact_reason", "PAYING_PARENT*ARREARS")).toBe("Paying parent, Arrears");
    expect(categoryLabel("CMS", "quarter", "2015-05")).toBe("Quarter ending May 2015");
    expect(categoryLabel("CMS", null, "ALL")).toBe("All respondents");
  });

  it("key-driver items read as their statements, not their ids", () => {
    expect(questionLabel("CMS", "CMS_CS_INFORMED")).toBe("Kept you informed of what was happening to your case.");
    expect(questionLabel("OPTIONS", "OPT_CS_EASY:POSITIVE")).toBe("Was easy to talk to? (rated at or above the threshold)");
    expect(questionLabel("CMS", "CMS_SAT")).not.toMatch(/\{\{|…/);
  });
});
