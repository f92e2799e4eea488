import { describe, expect, it } from "vitest";
import { screenChoices, specialKeysOf } from "./answer-form";
import { choiceOptions } from "./question-options";
import { listQuestionnaireVersions } from "./registry";
import { isQuestion } from "./schema";

// Issue 18: one key scheme across every version and scale. Refused was key 5 on
// CMS-2015 and 6 on CMS-2013, and 1-10 ratings had no key for it.

describe.each(listQuestionnaireVersions().map((v) => [v.id, v] as const))("%s keys", (_id, version) => {
  const questions = version.screens.filter(isQuestion).filter((s) => s.kind !== "text");

  it("numbers only the answers, 1-9 then 0; D is always don't know and R always refused", () => {
    for (const screen of questions) {
      const choices = screenChoices(screen, "PHONE");
      const answers = choices.filter((c) => !c.special);
      expect(
        answers.map((c) => c.key),
        screen.id,
      ).toEqual(answers.map((_, i) => (i < 9 ? String(i + 1) : i === 9 ? "0" : undefined)));
      const refused = choices.filter((c) => c.key === "R");
      expect(refused, `${screen.id}: one refusal on R`).toHaveLength(1);
      const dontKnow = choiceOptions(screen).find((o) => o.special === "DONT_KNOW");
      expect(choices.find((c) => c.key === "D")?.value, screen.id).toBe(dontKnow?.code);
      for (const c of choices.filter((c) => c.special)) expect(c.key, `${screen.id} ${c.label}`).toMatch(/^[DNR]$/);
    }
  });

  it("tells the key legend which letters the screen offers: R on every question, D only with a Don't know", () => {
    for (const screen of questions) {
      const keys = specialKeysOf(screen, "PHONE");
      expect(keys.refused, screen.id).toBe(true);
      expect(keys.dontKnow, screen.id).toBe(choiceOptions(screen).some((o) => o.special === "DONT_KNOW"));
    }
  });

  it("gives every answer of a 1-10 rating a key (10 is 0) and the refusal R", () => {
    for (const screen of questions.filter((s) => s.kind === "rating" && s.max - s.min === 9)) {
      const keys = screenChoices(screen, "PHONE").map((c) => c.key);
      expect(keys, screen.id).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "R"]);
    }
  });
});
