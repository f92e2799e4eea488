import { describe, expect, it } from "vitest";
import type { Answers } from "./answer-value";
import { conditionSchema, describeAskedOf, describeCondition, evaluateCondition, type Condition } from "./conditions";
import { getQuestionnaireVersion } from "./registry";

const rpCollect = { role: "RECEIVING_PARENT", paymentMethod: "COLLECT_AND_PAY", contactMonth: "2015-04" } as const;
const answers: Answers = {
  CHANNELS: { kind: "choices", codes: ["LETTER", "PHONE"] },
  GOVUK: { kind: "choice", code: "YES" },
  RATING: { kind: "rating", value: 2 },
  REFUSED_Q: { kind: "refused" },
  COMMENT: { kind: "text", text: "" },
};
const evaluate = (c: Condition) => evaluateCondition(conditionSchema.parse(c), { caseAttributes: rpCollect, answers });

describe("condition language", () => {
  it("evaluates case attributes", () => {
    expect(evaluate({ case: "role", in: ["RECEIVING_PARENT"] })).toBe(true);
    expect(evaluate({ case: "role", in: ["PAYING_PARENT"] })).toBe(false);
    expect(evaluate({ case: "paymentMethod", in: ["DIRECT_PAY"] })).toBe(false);
    expect(evaluate({ case: "contactReason", in: ["NEW_APPLICATION"] })).toBe(false); // attribute missing
    expect(evaluate({ case: "contactMonth", from: "2015-03", to: "2015-05" })).toBe(true);
    expect(evaluate({ case: "contactMonth", from: "2015-05" })).toBe(false);
    expect(evaluate({ case: "contactMonth", to: "2015-04" })).toBe(true);
  });

  it("evaluates answers", () => {
    expect(evaluate({ answer: "CHANNELS", includesAny: ["PHONE", "IN_PERSON"] })).toBe(true);
    expect(evaluate({ answer: "CHANNELS", includesAny: ["EMAIL"] })).toBe(false);
    expect(evaluate({ answer: "GOVUK", in: ["YES"] })).toBe(true);
    expect(evaluate({ answer: "GOVUK", in: ["NO"] })).toBe(false);
    expect(evaluate({ answer: "RATING", in: [1, 2] })).toBe(true);
    expect(evaluate({ answer: "RATING", in: [3] })).toBe(false);
    expect(evaluate({ answer: "REFUSED_Q", in: ["YES"] })).toBe(false);
    expect(evaluate({ answer: "REFUSED_Q", in: ["REFUSED"] })).toBe(true);
    expect(evaluate({ answer: "MISSING", in: ["YES"] })).toBe(false);
    expect(evaluate({ answered: "GOVUK" })).toBe(true);
    expect(evaluate({ answered: "COMMENT" })).toBe(true);
    expect(evaluate({ answered: "REFUSED_Q" })).toBe(false);
    expect(evaluate({ answered: "MISSING" })).toBe(false);
  });

  it("combines with all, any and not", () => {
    const receivingNotDirectPay: Condition = {
      all: [{ case: "role", in: ["RECEIVING_PARENT"] }, { not: { case: "paymentMethod", in: ["DIRECT_PAY"] } }],
    };
    expect(evaluate(receivingNotDirectPay)).toBe(true);
    expect(evaluate({ not: receivingNotDirectPay })).toBe(false);
    expect(
      evaluate({
        any: [
          { case: "role", in: ["PAYING_PARENT"] },
          { answer: "GOVUK", in: ["YES"] },
        ],
      }),
    ).toBe(true);
    expect(
      evaluate({
        any: [
          { case: "role", in: ["PAYING_PARENT"] },
          { answer: "GOVUK", in: ["NO"] },
        ],
      }),
    ).toBe(false);
  });

  it("rejects anything that is not the language", () => {
    const bad: unknown[] = [
      { all: [] },
      { case: "role", in: ["KING"] },
      { case: "role", in: ["RECEIVING_PARENT"], extra: 1 },
      { case: "contactMonth" },
      { case: "contactMonth", from: "2015-06", to: "2015-03" },
      { case: "contactMonth", from: "2015-3" },
      { answer: "lower_case", in: ["YES"] },
      { answer: "X", in: [] },
      { eval: "process.exit()" },
      "role == 'RECEIVING_PARENT'",
    ];
    for (const c of bad) expect(conditionSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
  });

  it("describes routing in plain English", () => {
    expect(
      describeCondition({
        all: [{ case: "role", in: ["RECEIVING_PARENT"] }, { not: { case: "paymentMethod", in: ["DIRECT_PAY"] } }],
      }),
    ).toBe("Receiving parents not on Direct Pay");
    expect(describeCondition({ case: "role", in: ["RECEIVING_PARENT", "PAYING_PARENT"] })).toBe("Receiving parents or paying parents");
    expect(describeCondition({ not: { case: "contactMonth", from: "2015-03", to: "2015-05" } })).toBe(
      "Respondents with a contact month outside March 2015 to May 2015",
    );
    expect(describeCondition({ not: { any: [{ answered: "A" }, { case: "role", in: ["PAYING_PARENT"] }] } })).toBe(
      "Respondents who did not answer A and who are not paying parents",
    );
    expect(describeCondition({ case: "contactMonth", from: "2015-03" })).toBe("Respondents with a contact month of March 2015 or later");
  });

  it("describes the shipped CES routing with option labels", () => {
    const ces = getQuestionnaireVersion("CES-2023");
    if (!ces) throw new Error("CES-2023 missing");
    const words = (id: string) => {
      const screen = ces.screens.find((s) => s.id === id);
      if (!screen) throw new Error(id);
      return describeAskedOf(screen, ces);
    };
    expect(words("CES_GR_PAID_WHEN")).toBe("Asked of: Receiving parents not on Direct Pay");
    expect(words("CES_ME_GOVUK")).toBe('Asked of: Respondents who answered "Yes" at CES_GOVUK');
    expect(words("CES_GR_OUTCOME_TIME")).toBe("Asked of: Respondents whose contact was about a new application");
    expect(words("CES_ME_APPLY")).toBe(
      "Asked of: Receiving parents whose contact was about a new application, or respondents whose contact was about a change of circumstances",
    );
    expect(words("CES_GR_DID_SAY")).toBe(
      'Asked of: Respondents whose answer to CES_CHANNELS includes "Phone", "Online form", "Child Maintenance online portal" or "In person"',
    );
    expect(words("CES_ME_EASY_USE")).toBe("Asked of: all respondents");
  });
});
