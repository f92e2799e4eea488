import type { Condition } from "../conditions";
import type { QuestionnaireVersionInput } from "../schema";
import { CMS_SATISFACTION_2015, SATISFIED_CODES, confidentiality, introduction, thankYou } from "./common";
import { CMS_INTRO_INSTRUCTION, CMS_INTRO_TEXT, CMS_SAT_TEXT, CMS_THANK_YOU_TEXT, clientServiceStatement } from "./cms-2013";

// seed 001, questionnaires.md: from the quarter ending May 2015 the overall
// question has four points (no "Don't know/can't remember") and the client
// service block gains "Was polite and friendly.".

/**
 * seed 001 note 7: the kept-informed statement "was not asked during the quarter
 * ending May 2015". Quarters here are quarters of client contact (the sampling
 * strata, methodology.md), ending Nov/Feb/May/Aug, so that quarter is contact
 * months March, April and May 2015. A case without a contact month is asked.
 */
export const INFORMED_ASKED_OF: Condition = { not: { case: "contactMonth", from: "2015-03", to: "2015-05" } };

export const cms2015: QuestionnaireVersionInput = {
  id: "CMS-2015",
  survey: "CMS",
  title: "Child Maintenance Service client satisfaction (4-point scale)",
  inUse: { fromContactMonth: "2015-03" },
  settings: { modes: ["PHONE"], overallQuestionId: "CMS_SAT" },
  screens: [
    introduction(CMS_INTRO_TEXT, CMS_INTRO_INSTRUCTION),
    confidentiality("PHONE"),
    {
      kind: "single",
      id: "CMS_SAT",
      text: CMS_SAT_TEXT,
      options: CMS_SATISFACTION_2015,
      positiveCodes: SATISFIED_CODES,
      interviewerInstruction: "Read out the answers. Code one answer.",
    },
    clientServiceStatement("CMS_CS_POLITE", "Was polite and friendly."),
    clientServiceStatement("CMS_CS_COURTESY", "Treated you with courtesy and respect."),
    clientServiceStatement("CMS_CS_SENSITIVE", "Was sensitive to your needs."),
    clientServiceStatement("CMS_CS_IMPARTIAL", "Was impartial and non-judgmental."),
    clientServiceStatement("CMS_CS_WRITTEN", "Provided you with written information when asked for it."),
    clientServiceStatement("CMS_CS_KNOWLEDGE", "Displayed good knowledge of CMS processes."),
    clientServiceStatement("CMS_CS_UNDERSTOOD", "Understood the details of your case."),
    {
      ...clientServiceStatement("CMS_CS_INFORMED", "Kept you informed of what was happening to your case."),
      askedOf: INFORMED_ASKED_OF,
    },
    thankYou(CMS_THANK_YOU_TEXT),
  ],
};
