import { describe, expect, it } from "vitest";
import { getQuestionnaireVersion, type QuestionnaireVersion } from "./index";
import { asksTheSameQuestions, wordingFor } from "./same-questions";

const version = (id: string): QuestionnaireVersion => getQuestionnaireVersion(id)!;

describe("asksTheSameQuestions", () => {
  it("CMS-2015 and its online wording CMS-2015ONLINE ask the same questions; CMS-2013 (3-point scale) does not", () => {
    expect(asksTheSameQuestions(version("CMS-2015"), version("CMS-2015ONLINE"))).toBe(true);
    expect(asksTheSameQuestions(version("CMS-2013"), version("CMS-2015ONLINE"))).toBe(false);
    expect(asksTheSameQuestions(version("CES-2023"), version("CMS-2015ONLINE"))).toBe(false);
  });

  it("a change of words alone keeps them the same; a change of code, routing or order does not", () => {
    const base = version("CMS-2015");
    const screens = base.screens;
    const satIndex = screens.findIndex((s) => s.id === "CMS_SAT");
    const sat = screens[satIndex]!;
    if (sat.kind !== "single") throw new Error("CMS_SAT is a single choice");
    const withScreen = (screen: (typeof screens)[number]) => ({ ...base, screens: screens.map((s, i) => (i === satIndex ? screen : s)) });

    expect(asksTheSameQuestions(base, withScreen({ ...sat, text: "Other words", options: sat.options.map((o) => ({ ...o, label: o.label + "!" })) }))).toBe(
      true,
    );
    expect(asksTheSameQuestions(base, withScreen({ ...sat, options: sat.options.map((o, i) => (i === 0 ? { ...o, code: "VERY_HAPPY" } : o)) }))).toBe(false);
    expect(asksTheSameQuestions(base, withScreen({ ...sat, askedOf: { case: "role", in: ["PAYING_PARENT"] } }))).toBe(false);
    expect(asksTheSameQuestions(base, { ...base, screens: [...screens].reverse() })).toBe(false);
  });
});

describe("wordingFor", () => {
  it("a version asked that way is its own wording; a telephone-only version is shown online in its online twin; none when no twin exists", () => {
    expect(wordingFor(version("CES-2023"), "ONLINE")?.id).toBe("CES-2023");
    expect(wordingFor(version("CMS-2015"), "PHONE")?.id).toBe("CMS-2015");
    expect(wordingFor(version("CMS-2015"), "ONLINE")?.id).toBe("CMS-2015ONLINE");
    expect(wordingFor(version("CMS-2015ONLINE"), "PHONE")?.id).toBe("CMS-2015");
    expect(wordingFor(version("CMS-2013"), "ONLINE")).toBeNull();
  });
});
