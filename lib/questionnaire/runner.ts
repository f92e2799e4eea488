import type { AnswerValue, Answers } from "./answer-value";
import { answerError, isRefusal, validateAnswer, type AnswerCheck } from "./answers";
import type { CaseAttributes } from "./attributes";
import { evaluateCondition } from "./conditions";
import { isQuestion, type QuestionnaireVersion, type Screen } from "./schema";

// One runner for telephone (CATI) and online (CAWI) interviews alike: both ask
// "what comes next?" with the version, the case and the answers stored so far.
// The stored answers may include answers that have since fallen off the route
// (kept as history); everything here reads only the answers on the route.
//
// Information screens are part of the route and count as done once a `seen`
// marker is stored for them, so that Back can return to the introduction and
// a resumed interview does not show the introduction twice.

export interface RunnerInput {
  version: QuestionnaireVersion;
  caseAttributes: CaseAttributes;
  /** every stored answer and seen marker, keyed by screen id */
  answers: Answers;
}

export type NextScreen = { done: false; screen: Screen } | { done: true };

const positions = new WeakMap<QuestionnaireVersion, Map<string, number>>();

function positionOf(version: QuestionnaireVersion, screenId: string): number | undefined {
  let map = positions.get(version);
  if (!map) {
    map = new Map(version.screens.map((s, i) => [s.id, i]));
    positions.set(version, map);
  }
  return map.get(screenId);
}

interface Route {
  screens: Screen[];
  /** answers to on-route questions only */
  effective: Record<string, AnswerValue>;
}

/**
 * One forward pass: a screen is on the route when its askedOf holds over the
 * case and the on-route answers before it. Conditions only look backwards
 * (checked when the version is parsed), so the pass is well defined.
 */
function route({ version, caseAttributes, answers }: RunnerInput): Route {
  const screens: Screen[] = [];
  const effective: Record<string, AnswerValue> = {};
  for (const screen of version.screens) {
    if (screen.askedOf && !evaluateCondition(screen.askedOf, { caseAttributes, answers: effective })) continue;
    screens.push(screen);
    const answer = answers[screen.id];
    if (answer !== undefined && isQuestion(screen)) effective[screen.id] = answer;
  }
  return { screens, effective };
}

/**
 * The screen to show next.
 * - Without `after` (starting or resuming): the first on-route screen with
 *   nothing stored for it, or done when there is none.
 * - With `after` = the screen just answered: the next on-route screen after it,
 *   even if already answered (walking forward after Back shows the kept answers);
 *   past the last screen, as without `after`. An unknown `after` is ignored.
 * Store the answer (or the seen marker) before asking for the next screen.
 */
export function nextScreen(input: RunnerInput & { after?: string }): NextScreen {
  const { screens } = route(input);
  const from = input.after === undefined ? undefined : positionOf(input.version, input.after);
  if (from !== undefined) {
    const next = screens.find((s) => (positionOf(input.version, s.id) ?? -1) > from);
    if (next) return { done: false, screen: next };
  }
  const open = screens.find((s) => input.answers[s.id] === undefined);
  return open ? { done: false, screen: open } : { done: true };
}

/**
 * The screen Back goes to: the on-route screen before `current`, or the last
 * on-route screen when `current` is omitted (after done). Null at the start.
 */
export function previousScreen(input: RunnerInput & { current?: string }): Screen | null {
  const { screens } = route(input);
  const before = (input.current === undefined ? undefined : positionOf(input.version, input.current)) ?? input.version.screens.length;
  const earlier = screens.filter((s) => (positionOf(input.version, s.id) ?? Infinity) < before);
  return earlier[earlier.length - 1] ?? null;
}

/** On-route screens in order, given the answers so far (questions after an unanswered routing question may join later). */
export function onRouteScreens(input: RunnerInput): Screen[] {
  return route(input).screens;
}

export function onRouteQuestionIds(input: RunnerInput): string[] {
  return route(input)
    .screens.filter(isQuestion)
    .map((q) => q.id);
}

export function isOnRoute(input: RunnerInput & { screenId: string }): boolean {
  return route(input).screens.some((s) => s.id === input.screenId);
}

/** The answers that are part of the response: on-route questions only, no seen markers. */
export function effectiveAnswers(input: RunnerInput): Record<string, AnswerValue> {
  return route(input).effective;
}

/** Every on-route question has an answer (a refusal counts): disposition 1.1 complete. */
export function isComplete(input: RunnerInput): boolean {
  const { screens, effective } = route(input);
  return screens.filter(isQuestion).every((q) => effective[q.id] !== undefined);
}

/**
 * fieldwork.md, disposition 1.2 partial: "at least the overall satisfaction
 * question answered". Ours: a refusal of it does not count; "Don't know" does.
 * The overall question is asked of everyone (checked on parse), so no route is needed.
 */
export function isPartialThreshold({ version, answers }: { version: QuestionnaireVersion; answers: Answers }): boolean {
  const overall = version.screens.find((s) => s.id === version.settings.overallQuestionId);
  const answer = answers[version.settings.overallQuestionId];
  return overall !== undefined && isQuestion(overall) && answer !== undefined && !isRefusal(overall, answer);
}

/** RTCF (seed 003): whether the answers open a follow-up for a colleague. */
export function needsFollowUp(input: RunnerInput): boolean {
  const when = input.version.settings.followUpWhen;
  return when !== undefined && evaluateCondition(when, { caseAttributes: input.caseAttributes, answers: effectiveAnswers(input) });
}

/**
 * What a save must check before storing an answer: the screen exists, is on this
 * respondent's route given the other answers, and the value is valid for it.
 * Returns the normalised value to store.
 */
export function checkAnswer(input: RunnerInput & { screenId: string; value: unknown }): AnswerCheck {
  const screen = input.version.screens.find((s) => s.id === input.screenId);
  if (!screen) return answerError(input.screenId, "UNKNOWN_SCREEN", `There is no question ${input.screenId} in ${input.version.id}.`);
  if (!isOnRoute(input)) return answerError(screen.id, "OFF_ROUTE", "This question is not asked of this respondent.");
  return validateAnswer(screen, input.value);
}

/**
 * fieldwork.md "Quotas": the end of screening is the moment the introduction
 * screens are done and the first question comes next, with no question answered
 * yet. The telephone interview and the online questionnaire both check the
 * case's quota cell there (4.80 when it is full or closed).
 */
export function isEndOfScreening({
  version,
  screen,
  answersBefore,
  next,
}: {
  version: QuestionnaireVersion;
  screen: Screen;
  answersBefore: Answers;
  next: NextScreen;
}): boolean {
  if (next.done) return false;
  return isQuestion(next.screen) && !isQuestion(screen) && !version.screens.some((s) => isQuestion(s) && s.id in answersBefore);
}
