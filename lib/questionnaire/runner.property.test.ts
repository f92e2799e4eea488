import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnswerValue } from "./answer-value";
import { refusalAnswer, validateAnswer } from "./answers";
import { CONTACT_REASONS, PAYMENT_METHODS, ROLES, SERVICES, type CaseAttributes } from "./attributes";
import { evaluateCondition } from "./conditions";
import { listQuestionnaireVersions } from "./registry";
import {
  checkAnswer,
  effectiveAnswers,
  isComplete,
  isOnRoute,
  nextScreen,
  onRouteQuestionIds,
  onRouteScreens,
  previousScreen,
  type RunnerInput,
} from "./runner";
import { isQuestion, type QuestionnaireVersion, type Screen } from "./schema";

// Random answer paths through every shipped version, with random "go back and
// change an earlier answer" steps: the interview always ends within a bound,
// never shows an off-route screen, and the response never holds an off-route answer.

const caseArb: fc.Arbitrary<CaseAttributes> = fc.record(
  {
    role: fc.constantFrom(...ROLES),
    contactReason: fc.constantFrom(...CONTACT_REASONS),
    paymentMethod: fc.constantFrom(...PAYMENT_METHODS),
    service: fc.constantFrom(...SERVICES),
    // around the CMS-2015 gap (Mar-May 2015) and elsewhere
    contactMonth: fc.constantFrom("2014-11", "2015-02", "2015-03", "2015-04", "2015-05", "2015-06", "2023-07"),
    clientRef: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: [] },
);

/** A valid answer for the screen, chosen by `n`; about one in ten is a refusal. */
function answerFor(screen: Screen, n: number): AnswerValue {
  if (screen.kind === "info") return { kind: "seen" };
  if (n % 10 === 0) return refusalAnswer(screen);
  let value: AnswerValue;
  switch (screen.kind) {
    case "single":
      value = { kind: "choice", code: screen.options[n % screen.options.length]!.code };
      break;
    case "yesNo":
      value = { kind: "choice", code: n % 2 === 0 ? "YES" : "NO" };
      break;
    case "multiple": {
      const picked = screen.options.filter((o, i) => !o.special && ((n >> i) & 1) === 1).map((o) => o.code);
      value = { kind: "choices", codes: picked.length ? picked : [screen.options[n % screen.options.length]!.code] };
      break;
    }
    case "rating":
      value = { kind: "rating", value: screen.min + (n % (screen.max - screen.min + 1)) };
      break;
    case "text":
      value = { kind: "text", text: screen.optional && n % 3 === 0 ? "" : `comment ${n}` };
      break;
  }
  const checked = validateAnswer(screen, value);
  if (!checked.ok) throw new Error(`test generated an invalid answer for ${screen.id}: ${checked.error.message}`);
  return checked.value;
}

/** Plain throw rather than expect(): these run thousands of times per test. */
function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** The route as a fixed point, checked independently of the runner's forward pass. */
function assertRouteConsistent(input: RunnerInput): void {
  const effective = effectiveAnswers(input);
  const route = new Set(onRouteQuestionIds(input));
  for (const id of Object.keys(effective)) {
    check(route.has(id), `effective answer ${id} is off the route`);
    check(effective[id] === input.answers[id], `effective answer ${id} differs from the stored one`);
  }
  for (const screen of input.version.screens.filter(isQuestion)) {
    const asked = !screen.askedOf || evaluateCondition(screen.askedOf, { caseAttributes: input.caseAttributes, answers: effective });
    check(route.has(screen.id) === asked, `${screen.id}: on route ${route.has(screen.id)}, askedOf ${asked}`);
  }
}

const MAX_BACKS = 8;

function simulate(version: QuestionnaireVersion, caseAttributes: CaseAttributes, stream: number[]) {
  let answers: Record<string, AnswerValue> = {};
  let draw = 0;
  const next = () => stream[draw++ % stream.length]!;
  const input = (): RunnerInput => ({ version, caseAttributes, answers });

  // Each forward step moves strictly forward through the version and each Back
  // step moves back one screen, so this bounds every path.
  const bound = version.screens.length * (MAX_BACKS + 1) + MAX_BACKS;
  let steps = 0;
  let backs = 0;
  let current = nextScreen(input());
  while (!current.done) {
    steps += 1;
    check(steps <= bound, `${version.id} did not end within ${bound} steps`);
    const screen = current.screen;
    check(isOnRoute({ ...input(), screenId: screen.id }), `${screen.id} shown off the route`);
    assertRouteConsistent(input());

    // Resuming (no `after`) lands on the first on-route screen not yet done.
    const resumed = nextScreen(input());
    const firstOpen = onRouteScreens(input()).find((s) => answers[s.id] === undefined);
    check((resumed.done ? undefined : resumed.screen.id) === firstOpen?.id, `resume went to the wrong screen`);

    const n = next();
    if (backs < MAX_BACKS && n % 4 === 0) {
      const previous = previousScreen({ ...input(), current: screen.id });
      if (previous) {
        backs += 1;
        current = { done: false, screen: previous };
        continue;
      }
    }
    // Answer (again, possibly differently: that is "changing an earlier answer").
    const saved = checkAnswer({ ...input(), screenId: screen.id, value: answerFor(screen, n) });
    if (!saved.ok) throw new Error(`${screen.id}: ${saved.error.code}`);
    answers = { ...answers, [screen.id]: saved.value };
    current = nextScreen({ ...input(), after: screen.id });
  }
  assertRouteConsistent(input());
  check(isComplete(input()), `${version.id} ended incomplete`);
  expect(Object.keys(effectiveAnswers(input())).sort()).toEqual([...onRouteQuestionIds(input())].sort());
  return { steps, backs, final: input() };
}

describe("runner properties over every version", () => {
  for (const version of listQuestionnaireVersions()) {
    it(`${version.id}: random paths with Back and changed answers end, on route`, () => {
      fc.assert(
        fc.property(caseArb, fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 400 }), (attrs, stream) => {
          simulate(version, attrs, stream);
        }),
        { numRuns: 100 },
      );
    }, 60_000);
  }

  it("a path that never goes back takes exactly one step per on-route screen", () => {
    for (const version of listQuestionnaireVersions()) {
      fc.assert(
        fc.property(
          caseArb,
          fc.array(
            fc.nat({ max: 1_000_000 }).filter((n) => n % 4 !== 0),
            { minLength: 1, maxLength: 50 },
          ),
          (attrs, stream) => {
            const { steps, backs, final } = simulate(version, attrs, stream);
            expect(backs).toBe(0);
            expect(steps).toBe(onRouteScreens(final).length);
          },
        ),
        { numRuns: 30 },
      );
    }
  }, 60_000);
});
