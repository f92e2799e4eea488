import { answersSchema, type AnswerValue } from "./answer-value";
import { answerFromFields, fieldsFromAnswer, type AnswerFields } from "./answer-form";
import type { AnswerError } from "./answers";
import { contactReasonSchema, monthSchema, paymentMethodSchema, roleSchema, type CaseAttributes, type Service } from "./attributes";
import { checkAnswer, effectiveAnswers, isComplete, nextScreen, onRouteScreens, previousScreen } from "./runner";
import { isQuestion, modeSchema, type Mode, type QuestionnaireVersion, type Screen, type Survey } from "./schema";

// "Try it": runs a version with the real runner and stores nothing. The whole
// state (case, mode, answers, current screen) travels in the URL, so every step
// is a plain GET form that works without JavaScript, each screen has its own
// address, and the browser's Back button works too.

export interface TryState {
  mode: Mode;
  caseAttributes: CaseAttributes;
  answers: Record<string, AnswerValue>;
  /** the screen shown; absent: where the runner says to resume */
  at?: string;
  done?: boolean;
}

/** The service a survey's fills name (CES and real-time feedback are about the CMS). */
export function serviceOf(survey: Survey): Service {
  return survey === "OPTIONS" ? "OPTIONS" : "CMS";
}

export type Params = Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  const v = params[name];
  return Array.isArray(v) ? v[0] : v;
}

function all(params: Params, name: string): string[] {
  const v = params[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function encodeAnswers(answers: Record<string, AnswerValue>): string {
  return Buffer.from(JSON.stringify(answers), "utf8").toString("base64url");
}

function decodeAnswers(text: string | undefined): Record<string, AnswerValue> | undefined {
  if (!text) return {};
  try {
    const parsed = answersSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type ParsedTry = { started: false; problem?: string } | { started: true; state: TryState };

/** Reads the state from the query. Not started until the case has been chosen (mode set). */
export function parseTryParams(version: QuestionnaireVersion, params: Params): ParsedTry {
  const mode = modeSchema.safeParse(first(params, "mode"));
  if (!mode.success) return { started: false };
  const caseAttributes: CaseAttributes = { service: serviceOf(version.survey) };
  const bad: string[] = [];
  const pick = <T>(name: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) => {
    const raw = first(params, name);
    if (raw === undefined || raw === "") return undefined;
    const r = schema.safeParse(raw);
    if (!r.success) bad.push(name);
    return r.success ? r.data : undefined;
  };
  const role = pick("role", roleSchema);
  const contactReason = pick("contactReason", contactReasonSchema);
  const paymentMethod = pick("paymentMethod", paymentMethodSchema);
  const contactMonth = pick("contactMonth", monthSchema);
  if (bad.length > 0) return { started: false, problem: `Check the case details: ${bad.join(", ")}` };
  if (role) caseAttributes.role = role;
  if (contactReason) caseAttributes.contactReason = contactReason;
  if (paymentMethod) caseAttributes.paymentMethod = paymentMethod;
  if (contactMonth) caseAttributes.contactMonth = contactMonth;
  const answers = decodeAnswers(first(params, "answers"));
  if (!answers) return { started: false, problem: "The answers in the address could not be read. Start again." };
  const at = first(params, "at");
  return {
    started: true,
    state: { mode: mode.data, caseAttributes, answers, at: at || undefined, done: first(params, "done") === "1" },
  };
}

/** The query string ("?...") of a state. */
export function tryQuery(state: TryState): string {
  const q = new URLSearchParams({ mode: state.mode });
  const { role, contactReason, paymentMethod, contactMonth } = state.caseAttributes;
  if (role) q.set("role", role);
  if (contactReason) q.set("contactReason", contactReason);
  if (paymentMethod) q.set("paymentMethod", paymentMethod);
  if (contactMonth) q.set("contactMonth", contactMonth);
  if (Object.keys(state.answers).length > 0) q.set("answers", encodeAnswers(state.answers));
  if (state.done) q.set("done", "1");
  else if (state.at) q.set("at", state.at);
  return `?${q.toString()}`;
}

/** Hidden fields that carry the state through the step form (everything but the answer). */
export function tryHiddenFields(state: TryState, screenId: string): [string, string][] {
  const q = new URLSearchParams(tryQuery({ ...state, at: screenId, done: false }).slice(1));
  return [...q.entries(), ["go", "next"]];
}

export type TryView =
  | { kind: "screen"; screen: Screen; fields: AnswerFields; error?: AnswerError; backQuery?: string; number: number; total: number }
  | { kind: "done"; effective: Record<string, AnswerValue>; offRoute: string[]; complete: boolean; backQuery?: string };

/**
 * One step. A submission (`go=next` with the answer fields) is checked with the
 * runner's checkAnswer; valid: the new state to redirect to (post/redirect/get
 * over GET, so reloading does not submit twice); invalid: the same screen with
 * its error and what was entered. Otherwise the view of the current state.
 */
export function tryStep(version: QuestionnaireVersion, state: TryState, params: Params): { redirect: string } | { view: TryView } {
  const input = { version, caseAttributes: state.caseAttributes, answers: state.answers };
  if (first(params, "go") === "next" && state.at) {
    const screen = version.screens.find((s) => s.id === state.at);
    if (screen) {
      const fields: AnswerFields = { answer: all(params, "answer"), text: first(params, "text") };
      const read = answerFromFields(screen, fields);
      const checked = read.ok ? checkAnswer({ ...input, screenId: screen.id, value: read.value }) : read;
      if (!checked.ok) return { view: screenView(version, state, screen, fields, checked.error) };
      const answers = { ...state.answers, [screen.id]: checked.value };
      const next = nextScreen({ version, caseAttributes: state.caseAttributes, answers, after: screen.id });
      return { redirect: tryQuery({ ...state, answers, at: next.done ? undefined : next.screen.id, done: next.done }) };
    }
  }
  if (!state.done) {
    const onRoute = state.at ? onRouteScreens(input).find((s) => s.id === state.at) : undefined;
    const next = onRoute ? { done: false as const, screen: onRoute } : nextScreen(input);
    if (!next.done) return { view: screenView(version, state, next.screen, fieldsFromAnswer(next.screen, state.answers[next.screen.id])) };
  }
  const last = previousScreen(input);
  return {
    view: {
      kind: "done",
      effective: effectiveAnswers(input),
      offRoute: Object.keys(state.answers).filter((id) => {
        const screen = version.screens.find((s) => s.id === id);
        return screen !== undefined && isQuestion(screen) && !(id in effectiveAnswers(input));
      }),
      complete: isComplete(input),
      backQuery: last ? tryQuery({ ...state, at: last.id, done: false }) : undefined,
    },
  };
}

function screenView(version: QuestionnaireVersion, state: TryState, screen: Screen, fields: AnswerFields, error?: AnswerError): TryView {
  const input = { version, caseAttributes: state.caseAttributes, answers: state.answers };
  const previous = previousScreen({ ...input, current: screen.id });
  const route = onRouteScreens(input);
  const index = route.findIndex((s) => s.id === screen.id);
  return {
    kind: "screen",
    screen,
    fields,
    error,
    backQuery: previous ? tryQuery({ ...state, at: previous.id, done: false }) : undefined,
    number: index + 1,
    total: route.length,
  };
}
