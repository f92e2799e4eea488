import type { Condition } from "../conditions";
import type { Option, QuestionnaireVersionInput } from "../schema";
import { AGREE_CODES, CES_AGREEMENT, CES_AGREEMENT_NA, CES_SATISFACTION, SATISFIED_CODES, confidentiality, introduction, thankYou } from "./common";

// seed 002, questionnaires.md "CMS Customer Experience Survey 2023/24". The seed
// reports statements, not the questionnaire, so the statements are shipped as
// the spec words them (third person included) with an agree/disagree scale; the
// block stem and the screening and profile question wording are ours.
// Seed footnote: "staff" will become "colleagues" in a later version.

// --- Routing ("asked of" in questionnaires.md) -------------------------------

/**
 * "had phone/online/in-person contact". Ours: "online" covers the online form and
 * the online portal (seed 002 lists both as contact); letter, email and video
 * call do not count.
 */
export const HAD_PHONE_ONLINE_IN_PERSON: Condition = {
  answer: "CES_CHANNELS",
  includesAny: ["PHONE", "ONLINE", "PORTAL", "IN_PERSON"],
};

/** "had communications by phone, online, video call or in person" (CES_ME_FIRST_TIME). */
export const HAD_PHONE_ONLINE_VIDEO_IN_PERSON: Condition = {
  answer: "CES_CHANNELS",
  includesAny: ["PHONE", "ONLINE", "PORTAL", "VIDEO_CALL", "IN_PERSON"],
};

/** "New customers": the contact was a new application. */
export const NEW_CUSTOMERS: Condition = { case: "contactReason", in: ["NEW_APPLICATION"] };

/** "Receiving Parents not on Direct Pay". A case with no payment method recorded is asked. */
export const RECEIVING_NOT_DIRECT_PAY: Condition = {
  all: [{ case: "role", in: ["RECEIVING_PARENT"] }, { not: { case: "paymentMethod", in: ["DIRECT_PAY"] } }],
};

/** "used GOV.UK" */
export const USED_GOVUK: Condition = { answer: "CES_GOVUK", in: ["YES"] };

/** "New Receiving Parents and all Change of Circumstances customers" */
export const NEW_RECEIVING_OR_CHANGE: Condition = {
  any: [{ all: [{ case: "role", in: ["RECEIVING_PARENT"] }, NEW_CUSTOMERS] }, { case: "contactReason", in: ["CHANGE_OF_CIRCUMSTANCES"] }],
};

// --- Screens ------------------------------------------------------------------

const STATEMENT_STEM = "How much do you agree or disagree with the following statement about your recent contact with the " + "Child Maintenance Service?";

function statement(id: string, text: string, options: { notApplicable?: boolean; askedOf?: Condition } = {}) {
  return {
    kind: "single" as const,
    id,
    blockIntro: STATEMENT_STEM,
    text,
    options: options.notApplicable ? CES_AGREEMENT_NA : CES_AGREEMENT,
    positiveCodes: AGREE_CODES,
    askedOf: options.askedOf,
    interviewerInstruction: options.notApplicable ? 'By telephone: read out the scale; do not read out "Not applicable".' : "By telephone: read out the scale.",
  };
}

/** Contact channels: questionnaires.md "phone, online, video call, in person, letter, email, portal". */
const CHANNELS: Option[] = [
  { code: "PHONE", label: "Phone" },
  { code: "ONLINE", label: "Online form" },
  { code: "VIDEO_CALL", label: "Video call" },
  { code: "IN_PERSON", label: "In person" },
  { code: "LETTER", label: "Letter" },
  { code: "EMAIL", label: "Email" },
  { code: "PORTAL", label: "Child Maintenance online portal" },
];

export const ces2023: QuestionnaireVersionInput = {
  id: "CES-2023",
  survey: "CES",
  title: "CMS Customer Experience Survey 2023/24",
  inUse: { fromContactMonth: "2023-04", toContactMonth: "2024-03" },
  settings: { modes: ["ONLINE", "PHONE"], overallQuestionId: "CES_SAT" },
  screens: [
    introduction(
      "This survey is about the contact you had with the {{serviceName}} in the last three months. It is being " +
        "carried out for the Department for Work and Pensions, to find out what customers think of its services " +
        "and how they could be improved. It takes about 15 minutes.",
      "By telephone: give your own name and say you are calling on behalf of the Department for Work and Pensions. " +
        "Ask for {{clientName}} and check you are speaking to them before you go on.",
    ),
    confidentiality("MIXED"),
    {
      kind: "single",
      id: "CES_SAT",
      text: "Overall, how satisfied or dissatisfied are you with the service provided by the Child Maintenance Service?",
      options: CES_SATISFACTION,
      positiveCodes: SATISFIED_CODES,
      interviewerInstruction: 'By telephone: read out the scale; do not read out "Don\'t know".',
    },

    // Screening that the routing needs (questionnaires.md).
    {
      kind: "multiple",
      id: "CES_CHANNELS",
      text:
        "In the last three months, which of these ways did you use to contact the Child Maintenance Service, " +
        "or did it use to contact you? Select all that apply.",
      options: CHANNELS,
      interviewerInstruction: "Read out the list. Code all that apply.",
    },
    {
      kind: "yesNo",
      id: "CES_GOVUK",
      text: "Did you use the government website, GOV.UK, to find information about child maintenance?",
    },

    // Get it Right
    statement("CES_GR_DID_SAY", "Staff did what they said they would do", { notApplicable: true, askedOf: HAD_PHONE_ONLINE_IN_PERSON }),
    statement("CES_GR_ACCURATE", "Staff provided accurate information", { notApplicable: true, askedOf: HAD_PHONE_ONLINE_IN_PERSON }),
    {
      kind: "single",
      id: "CES_GR_OUTCOME_TIME",
      // questionnaires.md gives the measure ("Satisfaction with the time it took CMS to tell them the
      // outcome of their application"); the question form is ours.
      text: "How satisfied or dissatisfied were you with the time it took CMS to tell you the outcome of your application?",
      options: CES_SATISFACTION,
      positiveCodes: SATISFIED_CODES,
      askedOf: NEW_CUSTOMERS,
      interviewerInstruction: 'By telephone: read out the scale; do not read out "Don\'t know".',
    },
    statement("CES_GR_PAID_WHEN", "CMS made payments when they said they would", { askedOf: RECEIVING_NOT_DIRECT_PAY }),
    statement("CES_GR_PAID_AMOUNT", "CMS paid them the amount they said they would", { askedOf: RECEIVING_NOT_DIRECT_PAY }),

    // Make it Easy
    statement("CES_ME_GOVUK", "It was easy to find all the information they needed on GOV.UK", { askedOf: USED_GOVUK }),
    statement("CES_ME_APPLY", "It was easy to make a new application / report a change of circumstances", {
      askedOf: NEW_RECEIVING_OR_CHANGE,
    }),
    statement("CES_ME_FIRST_TIME", "Able to get the information they needed the first time they tried", {
      askedOf: HAD_PHONE_ONLINE_VIDEO_IN_PERSON,
    }),
    {
      kind: "yesNo",
      id: "CES_ME_ONCE",
      // Reported as "did not have to contact CMS more than once to explain the same
      // information" (questionnaires.md, yes/no): asked directly, so NO is the positive answer.
      text: "Did you have to contact CMS more than once to explain the same information?",
      positiveCodes: ["NO"],
    },
    statement("CES_ME_EASY_USE", "It was easy to use CMS"),

    // Communicate Clearly
    statement("CES_CC_CLEAR", "CMS communicated clearly with them"),
    statement("CES_CC_NEXT", "They had a good understanding of what would happen next", { notApplicable: true }),
    statement("CES_CC_TIMESCALES", "CMS provided them with timescales for processing the decision around their application", {
      askedOf: NEW_CUSTOMERS,
    }),
    statement("CES_CC_DECISIONS", "Decisions about their application were clearly explained", {
      notApplicable: true,
      askedOf: NEW_CUSTOMERS,
    }),

    // Professional and Supportive
    statement("CES_PS_PROFESSIONAL", "Their request was handled professionally", {
      notApplicable: true,
      askedOf: HAD_PHONE_ONLINE_IN_PERSON,
    }),
    statement("CES_PS_NEEDS", "Staff understood their needs", { notApplicable: true, askedOf: HAD_PHONE_ONLINE_IN_PERSON }),
    statement("CES_PS_TAILORED", "CMS tailored services to their personal circumstances", {
      notApplicable: true,
      askedOf: NEW_RECEIVING_OR_CHANGE,
    }),

    // Profile (questionnaires.md; codes interchange.md §2)
    {
      kind: "single",
      id: "CES_AGE_BAND",
      text: "Which of these age groups are you in?",
      options: [
        { code: "16-24", label: "16-24" },
        { code: "25-34", label: "25-34" },
        { code: "35-44", label: "35-44" },
        { code: "45-54", label: "45-54" },
        { code: "55+", label: "55+" },
      ],
    },
    {
      kind: "single",
      id: "CES_GENDER",
      text: "What is your gender?",
      options: [
        { code: "FEMALE", label: "Female" },
        { code: "MALE", label: "Male" },
        { code: "OTHER", label: "Other" },
      ],
    },
    {
      kind: "single",
      id: "CES_ETHNICITY",
      text: "What is your ethnic group?",
      options: [
        { code: "ASIAN", label: "Asian/Asian British" },
        { code: "BLACK", label: "Black/African/Caribbean/Black British" },
        { code: "MIXED", label: "Mixed/Multiple" },
        { code: "WHITE", label: "White" },
        { code: "OTHER", label: "Other" },
        { code: "PREFER_NOT", label: "Prefer not to say", special: "REFUSED" },
        { code: "DK", label: "Don't know", special: "DONT_KNOW" },
      ],
    },
    {
      kind: "single",
      id: "CES_HEALTH",
      // seed 002: "any physical or mental health condition or illness lasting or expected to last for 12 months or more"
      text: "Do you have any physical or mental health conditions or illnesses lasting or expected to last " + "for 12 months or more?",
      options: [
        { code: "PHYSICAL", label: "Physical health condition(s)" },
        { code: "MENTAL", label: "Mental health condition(s)" },
        { code: "BOTH", label: "Both physical and mental health conditions" },
        { code: "NONE", label: "No health condition" },
        { code: "PREFER_NOT", label: "Prefer not to say", special: "REFUSED" },
      ],
    },
    {
      kind: "yesNo",
      id: "CES_INTERNET",
      text: "Do you have access to the internet, either at home or elsewhere?",
    },
    {
      kind: "single",
      id: "CES_DIGITAL",
      // seed 002: "if, had it been available, they could have used the internet to access government services"
      text: "Had it been available, could you have used the internet to access government services?",
      options: [
        { code: "YES_WITHOUT_HELP", label: "Yes, without help" },
        { code: "YES_WITH_HELP", label: "Yes, with help" },
        { code: "NO", label: "No" },
      ],
    },
    thankYou("Thank you for taking part. Your answers will help improve the {{serviceName}}."),
  ],
};
