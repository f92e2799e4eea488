import type { QuestionnaireVersionInput } from "../schema";
import { confidentiality, introduction, thankYou } from "./common";

// seed 003, questionnaires.md "Real Time Customer Feedback": asked straight after
// a contact. The seed gives no wording; the rating scale (1-5), the question ids
// and the wording are ours.

export const rtcf1: QuestionnaireVersionInput = {
  id: "RTCF-1",
  survey: "RTCF",
  title: "Real Time Customer Feedback",
  settings: {
    modes: ["ONLINE", "PHONE"],
    overallQuestionId: "RTCF_RATING",
    // seed 003: "where service concerns or failures were identified Child Maintenance
    // colleagues were able to go back to the customer". Ours: a rating of 1 or 2, or
    // asking to be contacted, opens a follow-up.
    followUpWhen: {
      any: [
        { answer: "RTCF_RATING", in: [1, 2] },
        { answer: "RTCF_CALLBACK", in: ["YES"] },
      ],
    },
  },
  screens: [
    introduction(
      "Please tell us about the contact you have just had with the {{serviceName}}. It takes less than a minute.",
      "By telephone: give your own name. Ask for {{clientName}} and check you are speaking to them before you go on.",
    ),
    confidentiality("MIXED"),
    {
      kind: "rating",
      id: "RTCF_RATING",
      text: "How would you rate the service you received today?",
      min: 1,
      max: 5,
      minLabel: "Very poor",
      maxLabel: "Very good",
    },
    {
      kind: "text",
      id: "RTCF_COMMENT",
      text: "Is there anything you would like to tell us about your experience? (optional)",
      maxLength: 1000,
      optional: true,
    },
    {
      kind: "yesNo",
      id: "RTCF_CALLBACK",
      text: "Would you like a Child Maintenance colleague to contact you about your feedback?",
    },
    thankYou("Thank you for your feedback. If you asked us to contact you, a colleague will be in touch."),
  ],
};
