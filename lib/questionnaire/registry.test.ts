import { describe, expect, it } from "vitest";
import { choiceOptions } from "./question-options";
import { getQuestionnaireVersion, listQuestionnaireVersions } from "./registry";
import { isQuestion, type QuestionnaireVersion } from "./schema";

function get(id: string): QuestionnaireVersion {
  const v = getQuestionnaireVersion(id);
  if (!v) throw new Error(`missing ${id}`);
  return v;
}
const questionIds = (v: QuestionnaireVersion) => v.screens.filter(isQuestion).map((q) => q.id);
const screen = (v: QuestionnaireVersion, id: string) => v.screens.find((s) => s.id === id);
const labels = (v: QuestionnaireVersion, id: string) => {
  const s = screen(v, id);
  return s ? choiceOptions(s).map((o) => o.label) : [];
};

describe("registry", () => {
  it("ships the five versions", () => {
    expect(listQuestionnaireVersions().map((v) => v.id)).toEqual(["CMS-2013", "CMS-2015", "CMS-2015ONLINE", "OPTIONS-2014", "CES-2023", "RTCF-1"]);
    expect(getQuestionnaireVersion("CMS-1999")).toBeUndefined();
    expect(getQuestionnaireVersion("CMS-2015")).toBe(getQuestionnaireVersion("CMS-2015")); // parsed once
    expect(Object.isFrozen(get("CMS-2015").screens)).toBe(true);
  });

  it("frames every version with introduction, confidentiality statement and thank-you", () => {
    for (const v of listQuestionnaireVersions()) {
      const roles = v.screens.map((s) => (s.kind === "info" ? s.role : "Q"));
      expect(roles.slice(0, 2), v.id).toEqual(["INTRODUCTION", "CONFIDENTIALITY"]);
      expect(roles.at(-1), v.id).toBe("THANK_YOU");
      expect(screen(v, "CONFIDENTIALITY")?.text).toContain("you can stop at any time");
    }
  });

  it("CMS-2013: 5-point scale with Don't know, seven statements without POLITE", () => {
    const v = get("CMS-2013");
    expect(labels(v, "CMS_SAT")).toEqual(["Very Satisfied", "Satisfied", "Dissatisfied", "Very Dissatisfied", "Don't know/can't remember"]);
    expect(questionIds(v)).toEqual([
      "CMS_SAT",
      "CMS_CS_COURTESY",
      "CMS_CS_SENSITIVE",
      "CMS_CS_IMPARTIAL",
      "CMS_CS_WRITTEN",
      "CMS_CS_KNOWLEDGE",
      "CMS_CS_UNDERSTOOD",
      "CMS_CS_INFORMED",
    ]);
    const courtesy = screen(v, "CMS_CS_COURTESY");
    expect(courtesy?.kind === "single" && courtesy.blockIntro).toBe(
      "During the last telephone conversation you had about your case, please can you state whether you strongly agree / agree / disagree / strongly disagree with each of the following statements. The case worker...",
    );
    expect(courtesy?.text).toBe("Treated you with courtesy and respect.");
    expect(labels(v, "CMS_CS_COURTESY")).toEqual(["Strongly agree", "Agree", "Disagree", "Strongly disagree"]);
  });

  it("CMS-2015: 4-point scale, POLITE added, eight statements", () => {
    const v = get("CMS-2015");
    expect(labels(v, "CMS_SAT")).toEqual(["Very Satisfied", "Satisfied", "Dissatisfied", "Very Dissatisfied"]);
    expect(questionIds(v)).toHaveLength(9);
    expect(questionIds(v)[1]).toBe("CMS_CS_POLITE");
    expect(screen(v, "CMS_CS_POLITE")?.text).toBe("Was polite and friendly.");
    expect(screen(v, "CMS_CS_INFORMED")?.askedOf).toEqual({ not: { case: "contactMonth", from: "2015-03", to: "2015-05" } });
  });

  it("OPTIONS-2014: OPT_SAT, OPT_WAIT and six 1-10 agent statements; positive threshold 6 is a setting", () => {
    const v = get("OPTIONS-2014");
    expect(questionIds(v)).toEqual([
      "OPT_SAT",
      "OPT_WAIT",
      "OPT_CS_EXPLAINED",
      "OPT_CS_EASY",
      "OPT_CS_UNDERSTANDING",
      "OPT_CS_INFO",
      "OPT_CS_OPTIONS",
      "OPT_CS_BEST",
    ]);
    expect(v.settings.positiveRatingThreshold).toBe(6);
    expect(screen(v, "OPT_SAT")?.text).toBe("How would you rate your overall satisfaction with the service you received from Child Maintenance Options?");
    const best = screen(v, "OPT_CS_BEST");
    expect(best?.kind === "rating" && [best.min, best.max, best.text, best.blockIntro]).toEqual([
      1,
      10,
      "Helped me to work out what is the best kind of maintenance arrangement for me?",
      "I'm going to read out some statements about your conversation with the Options agent. Using a scale of 1-10, please rate each statement. The agent...",
    ]);
  });

  it("CES-2023: overall, screening, every driver statement id from questionnaires.md, profile", () => {
    const v = get("CES-2023");
    expect(questionIds(v)).toEqual([
      "CES_SAT",
      "CES_CHANNELS",
      "CES_GOVUK",
      "CES_GR_DID_SAY",
      "CES_GR_ACCURATE",
      "CES_GR_OUTCOME_TIME",
      "CES_GR_PAID_WHEN",
      "CES_GR_PAID_AMOUNT",
      "CES_ME_GOVUK",
      "CES_ME_APPLY",
      "CES_ME_FIRST_TIME",
      "CES_ME_ONCE",
      "CES_ME_EASY_USE",
      "CES_CC_CLEAR",
      "CES_CC_NEXT",
      "CES_CC_TIMESCALES",
      "CES_CC_DECISIONS",
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
    expect(labels(v, "CES_SAT")).toEqual([
      "Very satisfied",
      "Fairly satisfied",
      "Neither satisfied nor dissatisfied",
      "Fairly dissatisfied",
      "Very dissatisfied",
      "Don't know",
    ]);
    expect(screen(v, "CES_GR_DID_SAY")?.text).toBe("Staff did what they said they would do");
    // NA exactly where questionnaires.md marks it
    const withNA = v.screens.filter((s) => choiceOptions(s).some((o) => o.code === "NA")).map((s) => s.id);
    expect(withNA).toEqual(["CES_GR_DID_SAY", "CES_GR_ACCURATE", "CES_CC_NEXT", "CES_CC_DECISIONS", "CES_PS_PROFESSIONAL", "CES_PS_NEEDS", "CES_PS_TAILORED"]);
    expect(screen(v, "CES_ME_ONCE")?.kind).toBe("yesNo");
    expect(labels(v, "CES_ETHNICITY")).toEqual([
      "Asian/Asian British",
      "Black/African/Caribbean/Black British",
      "Mixed/Multiple",
      "White",
      "Other",
      "Prefer not to say",
      "Don't know",
    ]);
    expect(labels(v, "CES_AGE_BAND")).toEqual(["16-24", "25-34", "35-44", "45-54", "55+"]);
    expect(v.settings.modes).toEqual(["ONLINE", "PHONE"]);
  });

  it("RTCF-1: rating 1-5, optional comment, call back", () => {
    const v = get("RTCF-1");
    expect(questionIds(v)).toEqual(["RTCF_RATING", "RTCF_COMMENT", "RTCF_CALLBACK"]);
    const rating = screen(v, "RTCF_RATING");
    expect(rating?.kind === "rating" && [rating.min, rating.max]).toEqual([1, 5]);
    const comment = screen(v, "RTCF_COMMENT");
    expect(comment?.kind === "text" && comment.optional).toBe(true);
  });
});
