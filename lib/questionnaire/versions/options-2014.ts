import type { QuestionnaireVersionInput } from "../schema";
import { CMS_SATISFACTION_2015, SATISFIED_CODES, confidentiality, introduction, thankYou } from "./common";

// seed 004, questionnaires.md "Child Maintenance Options".

/** seed 004: the stem of the six 1-10 statements. */
const OPT_CS_INTRO =
  "I'm going to read out some statements about your conversation with the Options agent. " + "Using a scale of 1-10, please rate each statement. The agent...";

function agentStatement(id: string, text: string) {
  return {
    kind: "rating" as const,
    id,
    blockIntro: OPT_CS_INTRO,
    text,
    min: 1,
    max: 10,
    interviewerInstruction: "Read the stem before each statement if needed. Enter the rating, 1 to 10.",
  };
}

export const options2014: QuestionnaireVersionInput = {
  id: "OPTIONS-2014",
  survey: "OPTIONS",
  title: "Child Maintenance Options client satisfaction",
  // seed 004 reports results from April 2014.
  inUse: { fromContactMonth: "2014-04" },
  settings: {
    modes: ["PHONE"],
    overallQuestionId: "OPT_SAT",
    // methodology.md: the seed does not say how a 1-10 rating becomes positive; ours is 6-10.
    positiveRatingThreshold: 6,
  },
  screens: [
    introduction(
      "Hello, my name is ... and I am calling from the Department for Work and Pensions about the call you made " +
        "to {{serviceName}} in {{contactMonth}}. We would like to ask you a few questions about the service you " +
        "received, to help improve it. The survey takes about five minutes.",
      "Give your own name. Ask for {{clientName}} and check you are speaking to them before you go on. " + "Client reference: {{clientRef}}.",
    ),
    confidentiality("PHONE"),
    {
      kind: "single",
      id: "OPT_SAT",
      text: "How would you rate your overall satisfaction with the service you received from Child Maintenance Options?",
      // questionnaires.md: "satisfaction scale as CMS 2015 version"
      options: CMS_SATISFACTION_2015,
      positiveCodes: SATISFIED_CODES,
      interviewerInstruction: "Read out the answers. Code one answer.",
    },
    {
      kind: "single",
      id: "OPT_WAIT",
      // seed 004 reports satisfaction "with the amount of time they had to wait for their call to be answered".
      text: "How satisfied are you with the amount of time you had to wait for your call to be answered? Are you:",
      options: CMS_SATISFACTION_2015,
      positiveCodes: SATISFIED_CODES,
      interviewerInstruction: "Read out the answers. Code one answer.",
    },
    agentStatement("OPT_CS_EXPLAINED", "Explained what the Child Maintenance Options service is about?"),
    agentStatement("OPT_CS_EASY", "Was easy to talk to?"),
    agentStatement("OPT_CS_UNDERSTANDING", "Was understanding of your current situation?"),
    agentStatement("OPT_CS_INFO", "Had appropriate information and support about child maintenance, specific to your situation?"),
    agentStatement("OPT_CS_OPTIONS", "Helped me to understand the different kind of options available for child maintenance?"),
    agentStatement("OPT_CS_BEST", "Helped me to work out what is the best kind of maintenance arrangement for me?"),
    thankYou("Thank you for taking part. Your answers will help improve {{serviceName}}."),
  ],
};
