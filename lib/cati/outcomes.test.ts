import { describe, expect, it } from "vitest";
import { countByCategory, DISPOSITIONS, dispositionWords, isDispositionCode, rateCategoryOf } from "./dispositions";
import { CALL_OUTCOMES, dispositionOf, OUTCOMES, rateCategoryOfOutcome } from "./outcomes";

// fieldwork.md "Final dispositions", telephone codes
const FIELDWORK_CODES = [
  "1.1",
  "1.2",
  "2.111",
  "2.112",
  "2.12",
  "2.20",
  "2.221",
  "2.222",
  "2.30",
  "2.31",
  "2.32",
  "2.33",
  "2.36",
  "3.11",
  "3.13",
  "3.14",
  "3.16",
  "3.90",
  "3.91",
  "4.10",
  "4.20",
  "4.32",
  "4.51",
  "4.70",
  "4.80",
];

describe("call outcomes", () => {
  it("every outcome maps to a fieldwork.md AAPOR code and has a label", () => {
    for (const outcome of CALL_OUTCOMES) {
      const def = OUTCOMES[outcome];
      expect(FIELDWORK_CODES, outcome).toContain(def.disposition);
      expect(def.label.length, outcome).toBeGreaterThan(0);
    }
    expect(Object.keys(OUTCOMES).sort()).toEqual([...CALL_OUTCOMES].sort());
  });

  it("final outcomes are the ones fieldwork.md ends the case with", () => {
    const final = CALL_OUTCOMES.filter((o) => OUTCOMES[o].final);
    expect(final.sort()).toEqual(
      [
        "HARD_REFUSAL",
        "OPT_OUT",
        "WRONG_NUMBER",
        "DISCONNECTED",
        "FAX_DATA_LINE",
        "BUSINESS",
        "LANGUAGE_PROBLEM",
        "UNABLE_ILL",
        "DECEASED",
        "NOT_ELIGIBLE",
        "COMPLETE",
        "QUOTA_FULL",
      ].sort(),
    );
  });

  it("codes the key outcomes as AAPOR does", () => {
    expect(dispositionOf("COMPLETE")).toBe("1.1");
    expect(dispositionOf("QUOTA_FULL")).toBe("4.80");
    expect(rateCategoryOfOutcome("QUOTA_FULL")).toBe("NE"); // fieldwork.md: not counted as a refusal
    expect(dispositionOf("ANSWERING_MACHINE_MESSAGE_LEFT")).toBe("2.221");
    expect(dispositionOf("ANSWERING_MACHINE_NO_MESSAGE")).toBe("2.222");
    expect(dispositionOf("DISCONNECTED")).toBe("4.32");
    expect(dispositionOf("FAX_DATA_LINE")).toBe("4.20");
    expect(dispositionOf("BUSINESS")).toBe("4.51");
    expect(rateCategoryOfOutcome("HARD_REFUSAL")).toBe("R");
    expect(rateCategoryOfOutcome("LANGUAGE_PROBLEM")).toBe("O");
  });

  it("break-off: 1.2 partial past the threshold, else 2.12", () => {
    expect(dispositionOf("INTERVIEW_STARTED_STOPPED", true)).toBe("1.2");
    expect(rateCategoryOfOutcome("INTERVIEW_STARTED_STOPPED", true)).toBe("P");
    expect(dispositionOf("INTERVIEW_STARTED_STOPPED", false)).toBe("2.12");
    expect(rateCategoryOfOutcome("INTERVIEW_STARTED_STOPPED", false)).toBe("R");
  });
});

describe("dispositions", () => {
  it("knows every fieldwork.md code, with the category its first digits give", () => {
    for (const code of FIELDWORK_CODES) expect(isDispositionCode(code), code).toBe(true);
    expect(rateCategoryOf("1.1")).toBe("I");
    expect(rateCategoryOf("2.20")).toBe("NC");
    expect(rateCategoryOf("3.90")).toBe("UH");
    expect(rateCategoryOf("3.91")).toBe("UO");
    expect(rateCategoryOf("4.80")).toBe("NE");
    for (const [code, { category }] of Object.entries(DISPOSITIONS)) {
      if (code.startsWith("4")) expect(category).toBe("NE");
      if (code.startsWith("2.1")) expect(category).toBe("R");
    }
  });

  it("counts codes by category and refuses an unknown code", () => {
    expect(countByCategory(["1.1", "1.1", "1.2", "2.112", "3.90", "4.80"])).toEqual({ I: 2, P: 1, R: 1, NC: 0, O: 0, UH: 1, UO: 0, NE: 1 });
    expect(() => countByCategory(["9.99"])).toThrow(/Unknown disposition code 9.99/);
  });
});

describe("dispositionWords (issue 18)", () => {
  it("puts the words first and the AAPOR code beside them", () => {
    expect(dispositionWords("2.12")).toBe("Break-off (2.12)");
    expect(dispositionWords("1.1")).toBe("Complete (1.1)");
    expect(dispositionWords("9.99")).toBe("9.99");
  });
});
