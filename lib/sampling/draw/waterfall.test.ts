import { describe, expect, it } from "vitest";
import { buildWaterfall, exclusionOf, isContactable, waterfallFromCounts, type WaterfallClient } from "./waterfall";

const eligible: WaterfallClient = {
  englishSpeaking: true,
  potentiallyViolent: false,
  researchConsent: true,
  hasAddress: true,
  phone: "+447700900123",
  email: "a@example.org",
  surveyedRecently: false,
  doNotContact: false,
};
const client = (over: Partial<WaterfallClient>): WaterfallClient => ({ ...eligible, ...over });

describe("exclusion waterfall", () => {
  it("applies the rules in the methodology's order, each counting only clients still in", () => {
    const clients = [
      client({}), // eligible
      client({}), // eligible
      client({ englishSpeaking: false, potentiallyViolent: true, researchConsent: false }), // first rule only
      client({ potentiallyViolent: true, doNotContact: true }),
      client({ researchConsent: false, phone: null, surveyedRecently: true }),
      client({ phone: null, doNotContact: true }),
      client({ surveyedRecently: true, doNotContact: true }),
      client({ doNotContact: true }),
    ];
    expect(buildWaterfall(clients, "PHONE")).toEqual({
      population: 8,
      eligible: 2,
      steps: [
        { rule: "POPULATION", excluded: 0, remaining: 8 },
        { rule: "NON_ENGLISH_SPEAKER", excluded: 1, remaining: 7 },
        { rule: "POTENTIALLY_VIOLENT", excluded: 1, remaining: 6 },
        { rule: "NO_RESEARCH_CONSENT", excluded: 1, remaining: 5 },
        { rule: "NOT_CONTACTABLE", excluded: 1, remaining: 4 },
        { rule: "SURVEYED_IN_LAST_SIX_MONTHS", excluded: 1, remaining: 3 },
        { rule: "DO_NOT_CONTACT", excluded: 1, remaining: 2 },
      ],
    });
  });

  it("counts contactability by mode", () => {
    const clients = [
      client({ phone: null }), // online only
      client({ email: null, hasAddress: false }), // phone only
      client({ phone: null, email: null }), // letter only
      client({ phone: null, email: null, hasAddress: false }), // nothing
    ];
    const notContactable = (mode: "PHONE" | "ONLINE" | "MIXED") => buildWaterfall(clients, mode).steps.find((s) => s.rule === "NOT_CONTACTABLE")?.excluded;
    expect(notContactable("PHONE")).toBe(3);
    expect(notContactable("ONLINE")).toBe(2);
    expect(notContactable("MIXED")).toBe(1);
  });

  it("treats an empty phone or email as missing", () => {
    expect(isContactable({ phone: "", email: "", hasAddress: false }, "MIXED")).toBe(false);
  });

  it("names the first rule that excludes a client", () => {
    expect(exclusionOf(client({ surveyedRecently: true, doNotContact: true }), "PHONE")).toBe("SURVEYED_IN_LAST_SIX_MONTHS");
    expect(exclusionOf(client({}), "ONLINE")).toBeNull();
  });

  it("builds the same waterfall from counts (e.g. a GROUP BY in SQL)", () => {
    const w = waterfallFromCounts(100, { NON_ENGLISH_SPEAKER: 3, NOT_CONTACTABLE: 7 });
    expect(w.eligible).toBe(90);
    expect(w.steps.map((s) => s.remaining)).toEqual([100, 97, 97, 97, 90, 90, 90]);
    expect(() => waterfallFromCounts(5, { DO_NOT_CONTACT: 6 })).toThrow(/do not add up/);
  });

  it("starts from zero for an empty population", () => {
    expect(buildWaterfall([], "PHONE").steps.every((s) => s.remaining === 0)).toBe(true);
  });
});
