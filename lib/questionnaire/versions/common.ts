import type { Option, QuestionnaireVersionInput } from "../schema";

// Answer scales and framing screens shared by the versions. Scale labels are the
// seeds' words; codes are interchange.md §2.

type ScreenInput = QuestionnaireVersionInput["screens"][number];

/** seed 001: the CMS 5-point scale used until the quarter ending Feb 2015. */
export const CMS_SATISFACTION_2013: Option[] = [
  { code: "VERY_SATISFIED", label: "Very Satisfied" },
  { code: "SATISFIED", label: "Satisfied" },
  { code: "DISSATISFIED", label: "Dissatisfied" },
  { code: "VERY_DISSATISFIED", label: "Very Dissatisfied" },
  { code: "DK", label: "Don't know/can't remember", special: "DONT_KNOW" },
];

/** seed 001: from the quarter ending May 2015 "Don't know/can't remember" was removed. */
export const CMS_SATISFACTION_2015: Option[] = CMS_SATISFACTION_2013.filter((o) => o.code !== "DK");

/** seed 001: "strongly agree / agree / disagree / strongly disagree". */
export const CMS_AGREEMENT: Option[] = [
  { code: "STRONGLY_AGREE", label: "Strongly agree" },
  { code: "AGREE", label: "Agree" },
  { code: "DISAGREE", label: "Disagree" },
  { code: "STRONGLY_DISAGREE", label: "Strongly disagree" },
];

/** seed 002 / questionnaires.md: very/fairly satisfied .. very dissatisfied, don't know. */
export const CES_SATISFACTION: Option[] = [
  { code: "VERY_SATISFIED", label: "Very satisfied" },
  { code: "SATISFIED", label: "Fairly satisfied" },
  { code: "NEITHER", label: "Neither satisfied nor dissatisfied" },
  { code: "DISSATISFIED", label: "Fairly dissatisfied" },
  { code: "VERY_DISSATISFIED", label: "Very dissatisfied" },
  { code: "DK", label: "Don't know", special: "DONT_KNOW" },
];

/** questionnaires.md: strongly agree, agree, neither, disagree, strongly disagree. */
export const CES_AGREEMENT: Option[] = [
  { code: "STRONGLY_AGREE", label: "Strongly agree" },
  { code: "AGREE", label: "Agree" },
  { code: "NEITHER", label: "Neither agree nor disagree" },
  { code: "DISAGREE", label: "Disagree" },
  { code: "STRONGLY_DISAGREE", label: "Strongly disagree" },
];

/** The same plus "Not applicable", where questionnaires.md marks NA. */
export const CES_AGREEMENT_NA: Option[] = [...CES_AGREEMENT, { code: "NA", label: "Not applicable", special: "NOT_APPLICABLE" }];

/** methodology.md: satisfaction rate = very satisfied + satisfied; agreement = strongly agree + agree. */
export const SATISFIED_CODES = ["VERY_SATISFIED", "SATISFIED"];
export const AGREE_CODES = ["STRONGLY_AGREE", "AGREE"];

export function introduction(text: string, interviewerInstruction?: string): ScreenInput {
  return { kind: "info", role: "INTRODUCTION", id: "INTRO", text, interviewerInstruction };
}

/**
 * methodology.md / seed 001: respondents are told their answers are confidential
 * and that they may stop, or refuse any question, at any time.
 */
export function confidentiality(mode: "PHONE" | "MIXED"): ScreenInput {
  return {
    kind: "info",
    role: "CONFIDENTIALITY",
    id: "CONFIDENTIALITY",
    text:
      "Your answers will be kept confidential. Taking part is voluntary: you can stop at any time, " +
      "and you do not have to answer any question you do not want to.",
    interviewerInstruction:
      (mode === "PHONE" ? "" : "By telephone: read this out. ") +
      "If the client does not want to take part, thank them and record a refusal. " +
      "A question the client does not want to answer is coded Refused (never read out).",
  };
}

export function thankYou(text: string): ScreenInput {
  return { kind: "info", role: "THANK_YOU", id: "THANK_YOU", text };
}
