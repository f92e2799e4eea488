import type { QuestionnaireVersionInput } from "../schema";
import { AGREE_CODES, CMS_AGREEMENT, CMS_SATISFACTION_2015, SATISFIED_CODES, thankYou } from "./common";
import { INFORMED_ASKED_OF } from "./cms-2015";

// issue 13: CMS-2015 asked online. The telephone script's words are read out by
// an interviewer ("Hello, my name is...", "Are you:"), so the self-completion
// wording ships as its own version (questionnaires.md: a change is a new id).
// Same questions, codes, routing and scale as CMS-2015, so results pool.

const CS_INTRO_ONLINE =
  "Thinking about the last telephone conversation you had about your case, how much do you agree or disagree " + "with this statement? The case worker...";

function statement(id: string, text: string) {
  return { kind: "single" as const, id, blockIntro: CS_INTRO_ONLINE, text, options: CMS_AGREEMENT, positiveCodes: AGREE_CODES };
}

export const cms2015Online: QuestionnaireVersionInput = {
  id: "CMS-2015ONLINE",
  survey: "CMS",
  title: "Child Maintenance Service client satisfaction, online (4-point scale)",
  inUse: { fromContactMonth: "2015-03" },
  settings: { modes: ["ONLINE"], overallQuestionId: "CMS_SAT" },
  screens: [
    {
      kind: "info",
      role: "INTRODUCTION",
      id: "INTRO",
      text:
        "The Department for Work and Pensions is asking parents who were in contact with the {{serviceName}} in " +
        "{{contactMonth}} about the service they received, to help improve it. The survey takes about five minutes.",
    },
    {
      kind: "info",
      role: "CONFIDENTIALITY",
      id: "CONFIDENTIALITY",
      text:
        "Your answers will be kept confidential. Taking part is voluntary: you can stop at any time, " +
        "and you do not have to answer any question you do not want to.",
    },
    {
      kind: "single",
      id: "CMS_SAT",
      text:
        "Thinking about your whole experience of the CMS, not just your {{contactReason}}, how satisfied are you " +
        "with the service the CMS has provided since {{contactMonth}}?",
      options: CMS_SATISFACTION_2015,
      positiveCodes: SATISFIED_CODES,
    },
    statement("CMS_CS_POLITE", "Was polite and friendly."),
    statement("CMS_CS_COURTESY", "Treated you with courtesy and respect."),
    statement("CMS_CS_SENSITIVE", "Was sensitive to your needs."),
    statement("CMS_CS_IMPARTIAL", "Was impartial and non-judgmental."),
    statement("CMS_CS_WRITTEN", "Provided you with written information when asked for it."),
    statement("CMS_CS_KNOWLEDGE", "Displayed good knowledge of CMS processes."),
    statement("CMS_CS_UNDERSTOOD", "Understood the details of your case."),
    { ...statement("CMS_CS_INFORMED", "Kept you informed of what was happening to your case."), askedOf: INFORMED_ASKED_OF },
    thankYou("Thank you for taking part. Your answers will help improve the {{serviceName}}."),
  ],
};
