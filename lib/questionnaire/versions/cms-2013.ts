import type { QuestionnaireVersionInput } from "../schema";
import { AGREE_CODES, CMS_AGREEMENT, CMS_SATISFACTION_2013, SATISFIED_CODES, confidentiality, introduction, thankYou } from "./common";

// seed 001, questionnaires.md "CMS client satisfaction": the design used for the
// quarters ending Nov 2013 .. Feb 2015 (contact months Sep 2013 .. Feb 2015).

/** seed 001 wording of the overall question; the fills stand for the seed's (brackets). */
export const CMS_SAT_TEXT =
  "Now thinking about your whole experience of the CMS, not just your {{contactReason}}, " +
  "how satisfied are you with the service the CMS has provided since {{contactMonth}}? Are you:";

/** seed 001: the client service block's stem. */
export const CMS_CS_INTRO =
  "During the last telephone conversation you had about your case, please can you state whether you " +
  "strongly agree / agree / disagree / strongly disagree with each of the following statements. The case worker...";

/** The client service statements in seed order; CMS_CS_POLITE first from the quarter ending May 2015. */
export function clientServiceStatement(id: string, text: string) {
  return {
    kind: "single" as const,
    id,
    blockIntro: CMS_CS_INTRO,
    text,
    options: CMS_AGREEMENT,
    positiveCodes: AGREE_CODES,
    interviewerInstruction: "Read the stem before each statement if needed. Code one answer.",
  };
}

export const CMS_INTRO_TEXT =
  "Hello, my name is ... and I am calling from the Department for Work and Pensions. We are asking parents " +
  "who were in contact with the {{serviceName}} in {{contactMonth}} about the service they received, to help " +
  "improve it. The survey takes about five minutes.";

export const CMS_INTRO_INSTRUCTION =
  "Give your own name. Ask for {{clientName}} and check you are speaking to them before you go on. " + "Client reference: {{clientRef}}.";

export const CMS_THANK_YOU_TEXT = "Thank you for taking part. Your answers will help improve the {{serviceName}}.";

export const cms2013: QuestionnaireVersionInput = {
  id: "CMS-2013",
  survey: "CMS",
  title: "Child Maintenance Service client satisfaction (5-point scale)",
  inUse: { fromContactMonth: "2013-09", toContactMonth: "2015-02" },
  settings: { modes: ["PHONE"], overallQuestionId: "CMS_SAT" },
  screens: [
    introduction(CMS_INTRO_TEXT, CMS_INTRO_INSTRUCTION),
    confidentiality("PHONE"),
    {
      kind: "single",
      id: "CMS_SAT",
      text: CMS_SAT_TEXT,
      options: CMS_SATISFACTION_2013,
      positiveCodes: SATISFIED_CODES,
      interviewerInstruction: "Read out the answers. Code one answer.",
    },
    // No CMS_CS_POLITE: seed 001 says it "was not asked until the quarter ending May 2015".
    clientServiceStatement("CMS_CS_COURTESY", "Treated you with courtesy and respect."),
    clientServiceStatement("CMS_CS_SENSITIVE", "Was sensitive to your needs."),
    clientServiceStatement("CMS_CS_IMPARTIAL", "Was impartial and non-judgmental."),
    clientServiceStatement("CMS_CS_WRITTEN", "Provided you with written information when asked for it."),
    clientServiceStatement("CMS_CS_KNOWLEDGE", "Displayed good knowledge of CMS processes."),
    clientServiceStatement("CMS_CS_UNDERSTOOD", "Understood the details of your case."),
    clientServiceStatement("CMS_CS_INFORMED", "Kept you informed of what was happening to your case."),
    thankYou(CMS_THANK_YOU_TEXT),
  ],
};
