import { describe, expect, it } from "vitest";
import type { AnswerValue } from "./answer-value";
import type { CaseAttributes } from "./attributes";
import { getQuestionnaireVersion } from "./registry";
import { onRouteQuestionIds } from "./runner";

// Every "asked of" rule of CES-2023 in questionnaires.md, as a table of cases.

const ces = getQuestionnaireVersion("CES-2023");
if (!ces) throw new Error("CES-2023 missing");

interface Row {
  questions: string[];
  who: string;
  attrs: CaseAttributes;
  channels?: string[] | "REFUSED";
  govuk?: "YES" | "NO" | "REFUSED";
  asked: boolean;
}

const RP_NEW: CaseAttributes = { role: "RECEIVING_PARENT", contactReason: "NEW_APPLICATION", paymentMethod: "COLLECT_AND_PAY" };
const PP_NEW: CaseAttributes = { role: "PAYING_PARENT", contactReason: "NEW_APPLICATION", paymentMethod: "COLLECT_AND_PAY" };
const RP_COC: CaseAttributes = { role: "RECEIVING_PARENT", contactReason: "CHANGE_OF_CIRCUMSTANCES", paymentMethod: "COLLECT_AND_PAY" };
const PP_COC: CaseAttributes = { role: "PAYING_PARENT", contactReason: "CHANGE_OF_CIRCUMSTANCES", paymentMethod: "DIRECT_PAY" };

const CONTACT = ["CES_GR_DID_SAY", "CES_GR_ACCURATE", "CES_PS_PROFESSIONAL", "CES_PS_NEEDS"];
const NEW = ["CES_GR_OUTCOME_TIME", "CES_CC_TIMESCALES", "CES_CC_DECISIONS"];
const PAID = ["CES_GR_PAID_WHEN", "CES_GR_PAID_AMOUNT"];
const NEW_RP_OR_COC = ["CES_ME_APPLY", "CES_PS_TAILORED"];
const ALL = [
  "CES_SAT",
  "CES_CHANNELS",
  "CES_GOVUK",
  "CES_ME_ONCE",
  "CES_ME_EASY_USE",
  "CES_CC_CLEAR",
  "CES_CC_NEXT",
  "CES_AGE_BAND",
  "CES_GENDER",
  "CES_ETHNICITY",
  "CES_HEALTH",
  "CES_INTERNET",
  "CES_DIGITAL",
];

const rows: Row[] = [
  // "had phone/online/in-person contact" (online = online form or portal: ours)
  { questions: CONTACT, who: "phone", attrs: PP_COC, channels: ["PHONE"], asked: true },
  { questions: CONTACT, who: "online form", attrs: PP_COC, channels: ["ONLINE"], asked: true },
  { questions: CONTACT, who: "online portal", attrs: PP_COC, channels: ["PORTAL"], asked: true },
  { questions: CONTACT, who: "in person", attrs: RP_NEW, channels: ["IN_PERSON"], asked: true },
  { questions: CONTACT, who: "letter and phone", attrs: RP_NEW, channels: ["LETTER", "PHONE"], asked: true },
  { questions: CONTACT, who: "letter and email only", attrs: RP_NEW, channels: ["LETTER", "EMAIL"], asked: false },
  { questions: CONTACT, who: "video call only", attrs: RP_NEW, channels: ["VIDEO_CALL"], asked: false },
  { questions: CONTACT, who: "channels refused", attrs: RP_NEW, channels: "REFUSED", asked: false },
  { questions: CONTACT, who: "channels not yet answered", attrs: RP_NEW, asked: false },
  // "New customers"
  { questions: NEW, who: "new receiving parent", attrs: RP_NEW, asked: true },
  { questions: NEW, who: "new paying parent", attrs: PP_NEW, asked: true },
  { questions: NEW, who: "change of circumstances receiving parent", attrs: RP_COC, asked: false },
  { questions: NEW, who: "change of circumstances paying parent", attrs: PP_COC, asked: false },
  { questions: NEW, who: "contact reason unknown", attrs: { role: "RECEIVING_PARENT" }, asked: false },
  // "Receiving Parents not on Direct Pay"
  { questions: PAID, who: "receiving parent, collect and pay", attrs: RP_NEW, asked: true },
  { questions: PAID, who: "receiving parent, no payment arrangement", attrs: { ...RP_COC, paymentMethod: "NONE" }, asked: true },
  { questions: PAID, who: "receiving parent, payment method unknown", attrs: { role: "RECEIVING_PARENT", contactReason: "NEW_APPLICATION" }, asked: true },
  { questions: PAID, who: "receiving parent on Direct Pay", attrs: { ...RP_NEW, paymentMethod: "DIRECT_PAY" }, asked: false },
  { questions: PAID, who: "paying parent, collect and pay", attrs: PP_NEW, asked: false },
  { questions: PAID, who: "paying parent on Direct Pay", attrs: PP_COC, asked: false },
  // "used GOV.UK"
  { questions: ["CES_ME_GOVUK"], who: "used GOV.UK", attrs: PP_COC, govuk: "YES", asked: true },
  { questions: ["CES_ME_GOVUK"], who: "did not use GOV.UK", attrs: RP_NEW, govuk: "NO", asked: false },
  { questions: ["CES_ME_GOVUK"], who: "refused the GOV.UK question", attrs: RP_NEW, govuk: "REFUSED", asked: false },
  { questions: ["CES_ME_GOVUK"], who: "GOV.UK not yet answered", attrs: RP_NEW, asked: false },
  // "New Receiving Parents and all Change of Circumstances customers"
  { questions: NEW_RP_OR_COC, who: "new receiving parent", attrs: RP_NEW, asked: true },
  { questions: NEW_RP_OR_COC, who: "new paying parent", attrs: PP_NEW, asked: false },
  { questions: NEW_RP_OR_COC, who: "change of circumstances receiving parent", attrs: RP_COC, asked: true },
  { questions: NEW_RP_OR_COC, who: "change of circumstances paying parent", attrs: PP_COC, asked: true },
  // "had communications by phone, online, video call or in person"
  { questions: ["CES_ME_FIRST_TIME"], who: "video call only", attrs: PP_COC, channels: ["VIDEO_CALL"], asked: true },
  { questions: ["CES_ME_FIRST_TIME"], who: "phone", attrs: PP_COC, channels: ["PHONE"], asked: true },
  { questions: ["CES_ME_FIRST_TIME"], who: "portal", attrs: PP_COC, channels: ["PORTAL"], asked: true },
  { questions: ["CES_ME_FIRST_TIME"], who: "in person", attrs: PP_COC, channels: ["IN_PERSON"], asked: true },
  { questions: ["CES_ME_FIRST_TIME"], who: "letter and email only", attrs: PP_COC, channels: ["LETTER", "EMAIL"], asked: false },
  // "all"
  { questions: ALL, who: "paying parent, letters only, no GOV.UK", attrs: PP_COC, channels: ["LETTER"], govuk: "NO", asked: true },
  { questions: ALL, who: "receiving parent, phone, GOV.UK", attrs: RP_NEW, channels: ["PHONE"], govuk: "YES", asked: true },
  { questions: ALL, who: "a case with no attributes", attrs: {}, asked: true },
];

function screening(row: Row): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  if (row.channels === "REFUSED") answers.CES_CHANNELS = { kind: "refused" };
  else if (row.channels) answers.CES_CHANNELS = { kind: "choices", codes: row.channels };
  if (row.govuk === "REFUSED") answers.CES_GOVUK = { kind: "refused" };
  else if (row.govuk) answers.CES_GOVUK = { kind: "choice", code: row.govuk };
  return answers;
}

describe("CES-2023 routing (questionnaires.md, asked of)", () => {
  const cases = rows.flatMap((row) =>
    row.questions.map((question) => ({ question, who: row.who, attrs: row.attrs, answers: screening(row), asked: row.asked })),
  );

  it.each(cases)("$question, $who: asked=$asked", ({ question, attrs, answers, asked }) => {
    const route = onRouteQuestionIds({ version: ces, caseAttributes: attrs, answers });
    expect(route.includes(question)).toBe(asked);
  });

  it("gives a paying parent with a change of circumstances, phone contact and no GOV.UK exactly this route", () => {
    const route = onRouteQuestionIds({
      version: ces,
      caseAttributes: PP_COC,
      answers: { CES_CHANNELS: { kind: "choices", codes: ["PHONE"] }, CES_GOVUK: { kind: "choice", code: "NO" } },
    });
    expect(route).toEqual([
      "CES_SAT",
      "CES_CHANNELS",
      "CES_GOVUK",
      "CES_GR_DID_SAY",
      "CES_GR_ACCURATE",
      "CES_ME_APPLY",
      "CES_ME_FIRST_TIME",
      "CES_ME_ONCE",
      "CES_ME_EASY_USE",
      "CES_CC_CLEAR",
      "CES_CC_NEXT",
      "CES_PS_PROFESSIONAL",
      "CES_PS_NEEDS",
      "CES_PS_TAILORED",
      "CES_AGE_BAND",
      "CES_GENDER",
      "CES_ETHNICITY",
      "CES_HEALTH",
      "CES_INTERNET",
      "CES_DIGITAL",
    ]);
  });
});
