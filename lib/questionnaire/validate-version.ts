import type { z } from "zod";
import { REFUSED } from "./answer-value";
import { answerConditions, referencedQuestion, type AnswerCondition, type Condition } from "./conditions";
import { fillProblems } from "./fills";
import { choiceOptions } from "./question-options";
import type { Option, QuestionnaireVersion, Screen } from "./schema";

// Static checks run when a version is parsed (schema.ts), so that a version in
// the registry can be run without defensive code in the runner.

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

export function validateVersion(version: QuestionnaireVersion, ctx: z.RefinementCtx): void {
  const report: Report = (path, message) => ctx.addIssue({ code: "custom", path, message });
  const { screens } = version;

  if (!version.id.startsWith(`${version.survey}-`)) {
    report(["id"], `version id ${version.id} must start with "${version.survey}-"`);
  }

  const position = new Map<string, number>();
  screens.forEach((screen, i) => {
    if (position.has(screen.id)) report(["screens", i, "id"], `duplicate screen id ${screen.id}`);
    else position.set(screen.id, i);
  });

  checkFrame(screens, report);

  screens.forEach((screen, i) => {
    const path = ["screens", i];
    checkOptions(screen, path, report);
    for (const [field, template] of templates(screen)) {
      for (const problem of fillProblems(template)) report([...path, ...field], problem);
    }
    if (screen.askedOf) {
      // A question's routing may only read answers given before it, so that the
      // route is decided in one forward pass and Back can never hide a screen
      // that is showing.
      checkCondition(screen.askedOf, [...path, "askedOf"], screens, position, i, report);
    }
  });

  checkSettings(version, position, report);
}

/** questionnaires.md / the brief: every version opens with the introduction and the confidentiality and right-to-stop statement, and ends with a thank-you. */
function checkFrame(screens: Screen[], report: Report): void {
  const expect = (i: number, role: string) => {
    const screen = screens[i];
    if (!screen || screen.kind !== "info" || screen.role !== role) {
      report(["screens", i], `screen ${i + 1} must be the ${role} information screen`);
    } else if (screen.askedOf) {
      report(["screens", i, "askedOf"], `the ${role} screen is shown to everyone and cannot have askedOf`);
    }
  };
  expect(0, "INTRODUCTION");
  expect(1, "CONFIDENTIALITY");
  expect(screens.length - 1, "THANK_YOU");
}

/** Every text of a screen that may hold fills, with its path. */
function templates(screen: Screen): Array<[Path, string]> {
  const out: Array<[Path, string]> = [[["text"], screen.text]];
  if (screen.interviewerInstruction) out.push([["interviewerInstruction"], screen.interviewerInstruction]);
  if (screen.kind === "info") return out;
  if (screen.blockIntro) out.push([["blockIntro"], screen.blockIntro]);
  if (screen.kind === "rating") {
    if (screen.minLabel) out.push([["minLabel"], screen.minLabel]);
    if (screen.maxLabel) out.push([["maxLabel"], screen.maxLabel]);
  }
  if (screen.kind === "single" || screen.kind === "multiple") {
    screen.options.forEach((o, j) => out.push([["options", j, "label"], o.label]));
  }
  return out;
}

// An option's special flag and its interchange code must agree, so that analysis
// can find "Don't know" and "Not applicable" by code (interchange.md §2).
const SPECIAL_CODES: Record<NonNullable<Option["special"]>, readonly string[]> = {
  DONT_KNOW: ["DK"],
  NOT_APPLICABLE: ["NA"],
  REFUSED: [REFUSED, "PREFER_NOT"],
};

function checkOptions(screen: Screen, path: Path, report: Report): void {
  if (screen.kind === "rating" && screen.min >= screen.max) {
    report([...path, "max"], `rating max (${screen.max}) must be above min (${screen.min})`);
  }
  const options = choiceOptions(screen);
  const seen = new Set<string>();
  const specials = new Set<string>();
  options.forEach((option, j) => {
    const at = [...path, "options", j];
    if (seen.has(option.code)) report([...at, "code"], `duplicate option code ${option.code}`);
    seen.add(option.code);
    if (option.special) {
      if (specials.has(option.special)) report([...at, "special"], `more than one ${option.special} option`);
      specials.add(option.special);
      if (!SPECIAL_CODES[option.special].includes(option.code)) {
        report([...at, "code"], `a ${option.special} option must have code ${SPECIAL_CODES[option.special].join(" or ")}`);
      }
    } else {
      for (const [special, codes] of Object.entries(SPECIAL_CODES)) {
        if (codes.includes(option.code)) report([...at, "special"], `option ${option.code} must be marked special: ${special}`);
      }
    }
  });
  if ((screen.kind === "single" || screen.kind === "yesNo") && screen.positiveCodes) {
    for (const code of screen.positiveCodes) {
      const option = options.find((o) => o.code === code);
      if (!option || option.special) report([...path, "positiveCodes"], `positive code ${code} is not a substantive option`);
    }
  }
}

function checkCondition(condition: Condition, path: Path, screens: Screen[], position: Map<string, number>, before: number, report: Report): void {
  for (const atom of answerConditions(condition)) {
    const id = referencedQuestion(atom);
    const at = position.get(id);
    const target = at === undefined ? undefined : screens[at];
    if (at === undefined || !target) report(path, `refers to unknown question ${id}`);
    else if (at >= before) report(path, `refers to ${id}, which does not come before this screen`);
    else if (target.kind === "info") report(path, `refers to ${id}, an information screen`);
    else {
      const problem = atomProblem(atom, target);
      if (problem) report(path, `${id}: ${problem}`);
    }
  }
}

/** Whether an answer condition can ever be true for the question it reads. */
function atomProblem(atom: AnswerCondition, target: Screen): string | undefined {
  if ("answered" in atom) return undefined;
  if ("includesAny" in atom) {
    if (target.kind !== "multiple") return "includesAny needs a multiple-choice question";
    const unknown = atom.includesAny.filter((c) => !target.options.some((o) => o.code === c));
    return unknown.length ? `unknown option codes ${unknown.join(", ")}` : undefined;
  }
  if (target.kind === "multiple") return "use includesAny for a multiple-choice question";
  if (target.kind === "text" || target.kind === "info") return "a free-text answer can only be tested with answered";
  const unknown = atom.in.filter((value) => {
    if (value === REFUSED) return false;
    if (target.kind === "rating") return typeof value !== "number" || value < target.min || value > target.max;
    return !choiceOptions(target).some((o) => o.code === value);
  });
  return unknown.length ? `values not offered by the question: ${unknown.join(", ")}` : undefined;
}

function checkSettings(version: QuestionnaireVersion, position: Map<string, number>, report: Report): void {
  const { settings, screens } = version;
  const at = position.get(settings.overallQuestionId);
  const overall = at === undefined ? undefined : screens[at];
  if (!overall) {
    report(["settings", "overallQuestionId"], `unknown question ${settings.overallQuestionId}`);
  } else if (overall.kind !== "single" && overall.kind !== "rating") {
    report(["settings", "overallQuestionId"], "the overall question must be a single choice or a rating");
  } else if (overall.askedOf) {
    report(["settings", "overallQuestionId"], "the overall question must be asked of everyone");
  }

  if (new Set(settings.modes).size !== settings.modes.length) report(["settings", "modes"], "duplicate mode");

  const threshold = settings.positiveRatingThreshold;
  if (threshold !== undefined) {
    const ratings = screens.filter((s) => s.kind === "rating");
    if (ratings.length === 0) report(["settings", "positiveRatingThreshold"], "the version has no rating questions");
    for (const r of ratings) {
      if (threshold < r.min || threshold > r.max) {
        report(["settings", "positiveRatingThreshold"], `${threshold} is outside ${r.id}'s scale ${r.min}-${r.max}`);
      }
    }
  }

  if (settings.followUpWhen) {
    checkCondition(settings.followUpWhen, ["settings", "followUpWhen"], screens, position, screens.length, report);
  }
}
