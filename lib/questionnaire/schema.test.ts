import { describe, expect, it } from "vitest";
import { questionnaireVersionSchema, type QuestionnaireVersionInput } from "./schema";

// A small valid version; each test breaks one rule and expects the parse to say so.
function version(overrides: Partial<QuestionnaireVersionInput> = {}): QuestionnaireVersionInput {
  return {
    id: "CES-TEST",
    survey: "CES",
    title: "Test",
    settings: { modes: ["ONLINE"], overallQuestionId: "SAT" },
    screens: [
      { kind: "info", role: "INTRODUCTION", id: "INTRO", text: "Hello {{serviceName}}" },
      { kind: "info", role: "CONFIDENTIALITY", id: "CONF", text: "Confidential." },
      {
        kind: "single",
        id: "SAT",
        text: "Satisfied since {{contactMonth}}?",
        options: [
          { code: "SATISFIED", label: "Satisfied" },
          { code: "DK", label: "Don't know", special: "DONT_KNOW" },
        ],
      },
      { kind: "yesNo", id: "GOVUK", text: "GOV.UK?" },
      {
        kind: "multiple",
        id: "CHANNELS",
        text: "How?",
        options: [
          { code: "PHONE", label: "Phone" },
          { code: "EMAIL", label: "Email" },
        ],
      },
      { kind: "rating", id: "RATE", text: "Rate", min: 1, max: 10 },
      { kind: "text", id: "COMMENT", text: "Comment", maxLength: 100 },
      { kind: "yesNo", id: "ROUTED", text: "Routed", askedOf: { answer: "GOVUK", in: ["YES"] } },
      { kind: "info", role: "THANK_YOU", id: "THANKS", text: "Thanks" },
    ],
    ...overrides,
  };
}

function withScreen(index: number, patch: Record<string, unknown>): QuestionnaireVersionInput {
  const v = version();
  const screens = v.screens.map((s, i) => (i === index ? ({ ...s, ...patch } as typeof s) : s));
  return { ...v, screens };
}

function messages(input: unknown): string[] {
  const result = questionnaireVersionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("questionnaire version schema", () => {
  it("accepts a valid version and applies defaults", () => {
    expect(messages(version())).toEqual([]);
    const parsed = questionnaireVersionSchema.parse(version());
    const comment = parsed.screens.find((s) => s.id === "COMMENT");
    expect(comment?.kind === "text" && comment.optional).toBe(false);
  });

  it("rejects routing that reads a later question", () => {
    expect(messages(withScreen(3, { askedOf: { answer: "ROUTED", in: ["YES"] } }))).toEqual([
      "screens.3.askedOf: refers to ROUTED, which does not come before this screen",
    ]);
  });

  it("rejects routing that reads the question itself, an unknown question or an information screen", () => {
    expect(messages(withScreen(7, { askedOf: { answered: "ROUTED" } }))).toEqual([
      "screens.7.askedOf: refers to ROUTED, which does not come before this screen",
    ]);
    expect(messages(withScreen(7, { askedOf: { answered: "NOPE" } }))).toEqual(["screens.7.askedOf: refers to unknown question NOPE"]);
    expect(messages(withScreen(7, { askedOf: { answered: "INTRO" } }))).toEqual(["screens.7.askedOf: refers to INTRO, an information screen"]);
  });

  it("rejects conditions that can never match the question they read", () => {
    expect(messages(withScreen(7, { askedOf: { answer: "GOVUK", in: ["MAYBE"] } }))).toEqual([
      "screens.7.askedOf: GOVUK: values not offered by the question: MAYBE",
    ]);
    expect(messages(withScreen(7, { askedOf: { answer: "CHANNELS", in: ["PHONE"] } }))).toEqual([
      "screens.7.askedOf: CHANNELS: use includesAny for a multiple-choice question",
    ]);
    expect(messages(withScreen(7, { askedOf: { answer: "GOVUK", includesAny: ["YES"] } }))).toEqual([
      "screens.7.askedOf: GOVUK: includesAny needs a multiple-choice question",
    ]);
    expect(messages(withScreen(7, { askedOf: { answer: "RATE", in: [0, 11] } }))).toEqual([
      "screens.7.askedOf: RATE: values not offered by the question: 0, 11",
    ]);
    expect(messages(withScreen(7, { askedOf: { answer: "GOVUK", in: ["REFUSED"] } }))).toEqual([]);
  });

  it("rejects unknown fills anywhere a respondent or interviewer reads text", () => {
    expect(messages(withScreen(3, { text: "Hi {{firstName}}" }))).toEqual([
      "screens.3.text: unknown fill {{firstName}} (known: contactMonth, contactReason, serviceName, clientRef, clientName)",
    ]);
    expect(messages(withScreen(3, { interviewerInstruction: "Ask for {{phone}}" }))).toHaveLength(1);
    expect(
      messages(
        withScreen(4, {
          options: [
            { code: "PHONE", label: "{{x}}" },
            { code: "EMAIL", label: "Email" },
          ],
        }),
      ),
    ).toEqual(["screens.4.options.0.label: unknown fill {{x}} (known: contactMonth, contactReason, serviceName, clientRef, clientName)"]);
  });

  it("keeps option codes and special flags consistent", () => {
    const options = (o: unknown[]) => messages(withScreen(2, { options: o }));
    expect(
      options([
        { code: "SATISFIED", label: "A" },
        { code: "SATISFIED", label: "B" },
      ]),
    ).toEqual(["screens.2.options.1.code: duplicate option code SATISFIED"]);
    expect(
      options([
        { code: "SATISFIED", label: "A" },
        { code: "DK", label: "Don't know" },
      ]),
    ).toEqual(["screens.2.options.1.special: option DK must be marked special: DONT_KNOW"]);
    expect(
      options([
        { code: "SATISFIED", label: "A" },
        { code: "UNSURE", label: "?", special: "DONT_KNOW" },
      ]),
    ).toEqual(["screens.2.options.1.code: a DONT_KNOW option must have code DK"]);
    expect(
      options([
        { code: "SATISFIED", label: "A" },
        { code: "PREFER_NOT", label: "Prefer not to say", special: "REFUSED" },
      ]),
    ).toEqual([]);
    expect(messages(withScreen(2, { positiveCodes: ["DK"] }))).toEqual(["screens.2.positiveCodes: positive code DK is not a substantive option"]);
  });

  it("requires the introduction, confidentiality statement and thank-you frame", () => {
    const v = version();
    expect(messages({ ...v, screens: v.screens.slice(1) })).toContain("screens.0: screen 1 must be the INTRODUCTION information screen");
    expect(messages({ ...v, screens: v.screens.slice(0, -1) })).toContain("screens.7: screen 8 must be the THANK_YOU information screen");
    expect(messages(withScreen(0, { askedOf: { case: "role", in: ["PAYING_PARENT"] } }))).toEqual([
      "screens.0.askedOf: the INTRODUCTION screen is shown to everyone and cannot have askedOf",
    ]);
  });

  it("checks settings and ids", () => {
    expect(messages(version({ id: "CMS-TEST" }))).toEqual(['id: version id CMS-TEST must start with "CES-"']);
    expect(messages(version({ settings: { modes: ["ONLINE"], overallQuestionId: "ROUTED" } }))).toEqual([
      "settings.overallQuestionId: the overall question must be a single choice or a rating",
    ]);
    expect(messages(version({ settings: { modes: ["ONLINE"], overallQuestionId: "SAT", positiveRatingThreshold: 11 } }))).toEqual([
      "settings.positiveRatingThreshold: 11 is outside RATE's scale 1-10",
    ]);
    expect(messages(withScreen(3, { id: "SAT" }))).toContain("screens.3.id: duplicate screen id SAT");
    expect(messages(withScreen(5, { min: 5, max: 5 }))).toEqual(["screens.5.max: rating max (5) must be above min (5)"]);
  });
});
