import type { AnswerValue } from "./answer-value";
import { answerError, refusalAnswer, validateAnswer, type AnswerCheck } from "./answers";
import { choiceOptions } from "./question-options";
import { isQuestion, type Mode, type Screen } from "./schema";

// A question as a plain HTML form, and back. The same field names serve the
// "try it" page (GET), the respondent page (POST, works without JavaScript) and
// the interviewer screen, so the three cannot drift apart:
//   answer  radio or checkbox values: option codes, rating numbers, or REFUSAL_VALUE
//   text    a free-text answer

/** The form value of the generic refusal. Not an answer code (codes start A-Z/0-9), so never confused with one. */
export const REFUSAL_VALUE = "-REFUSED";

export interface AnswerFields {
  answer: string[];
  text?: string;
}

export interface Choice {
  /** the form value */
  value: string;
  label: string;
  /** the interchange code shown to interviewers (absent for the generic refusal) */
  code?: string;
  /** the key that selects it (ANSWER_KEYS): a number for an answer, a letter for don't know, not applicable, refused */
  key?: string;
  hint?: string;
  /** "Don't know", "Not applicable", a refusal: set apart from the scale */
  special: boolean;
  /** exclusive in a multiple-choice list */
  exclusive: boolean;
}

/**
 * One key scheme across every version and scale (issue 18): the answers are
 * numbered 1-9 then 0 for the tenth (so a 1-10 rating's 10 is 0), and the
 * answers that are not on the scale always have the same letter, whatever
 * their place in the list.
 */
export const SPECIAL_KEYS = { DONT_KNOW: "D", NOT_APPLICABLE: "N", REFUSED: "R" } as const;

function numberKey(index: number): string | undefined {
  if (index < 9) return String(index + 1);
  return index === 9 ? "0" : undefined;
}

/**
 * The choices a screen offers in a mode, in order, with their number keys.
 * Every question can be refused (methodology.md): interviewers see "Refused
 * (do not read out)", respondents "Prefer not to answer", unless the question
 * has its own "Prefer not to say" option. Empty for information screens; free
 * text gets only the refusal.
 */
export function screenChoices(screen: Screen, mode: Mode): Choice[] {
  if (!isQuestion(screen)) return [];
  const choices: Choice[] = [];
  if (screen.kind === "rating") {
    for (let v = screen.min; v <= screen.max; v++) {
      const hint = v === screen.min ? screen.minLabel : v === screen.max ? screen.maxLabel : undefined;
      choices.push({ value: String(v), label: String(v), code: String(v), hint, special: false, exclusive: false });
    }
  } else {
    for (const o of choiceOptions(screen)) {
      choices.push({
        value: o.code,
        label: o.label,
        code: o.code,
        special: o.special !== undefined,
        exclusive: o.special !== undefined,
        key: o.special ? SPECIAL_KEYS[o.special] : undefined,
      });
    }
  }
  if (!choiceOptions(screen).some((o) => o.special === "REFUSED")) {
    choices.push({
      value: REFUSAL_VALUE,
      label: mode === "PHONE" ? "Refused (do not read out)" : "Prefer not to answer",
      special: true,
      exclusive: true,
      key: SPECIAL_KEYS.REFUSED,
    });
  }
  if (screen.kind === "text") return choices.filter((c) => c.value === REFUSAL_VALUE);
  let answers = 0;
  return choices.map((c) => (c.special ? c : { ...c, key: numberKey(answers++) }));
}

/** Which of the fixed letter keys (SPECIAL_KEYS) a screen offers in a mode: what the key legend says beside the question. */
export function specialKeysOf(screen: Screen, mode: Mode): { dontKnow: boolean; notApplicable: boolean; refused: boolean } {
  const keys = new Set(screenChoices(screen, mode).map((c) => c.key));
  return { dontKnow: keys.has(SPECIAL_KEYS.DONT_KNOW), notApplicable: keys.has(SPECIAL_KEYS.NOT_APPLICABLE), refused: keys.has(SPECIAL_KEYS.REFUSED) };
}

/** Reads form fields (already split by name) into a checked answer for the screen. */
export function answerFromFields(screen: Screen, fields: AnswerFields): AnswerCheck {
  if (!isQuestion(screen)) return { ok: true, value: { kind: "seen" } };
  const values = [...new Set(fields.answer)];
  const refused = values.includes(REFUSAL_VALUE);
  const others = values.filter((v) => v !== REFUSAL_VALUE);
  const text = fields.text?.trim() ?? "";
  if (refused) {
    if (others.length > 0 || text !== "") {
      return answerError(screen.id, "EXCLUSIVE_OPTION", "Either give an answer or choose the refusal, not both.");
    }
    return validateAnswer(screen, refusalAnswer(screen));
  }
  switch (screen.kind) {
    case "single":
    case "yesNo":
      if (others.length !== 1) return answerError(screen.id, "NO_SELECTION", "Select an answer.");
      return validateAnswer(screen, { kind: "choice", code: others[0] });
    case "rating": {
      const range = `Select a number from ${screen.min} to ${screen.max}.`;
      if (others.length !== 1 || !/^-?\d+$/.test(others[0] ?? "")) return answerError(screen.id, "NO_SELECTION", range);
      return validateAnswer(screen, { kind: "rating", value: Number(others[0]) });
    }
    case "multiple":
      return validateAnswer(screen, { kind: "choices", codes: others });
    case "text":
      return validateAnswer(screen, { kind: "text", text: fields.text ?? "" });
  }
}

/** The form fields that show a stored answer (Back, resume, a form shown again with its error). */
export function fieldsFromAnswer(screen: Screen, value: AnswerValue | undefined): AnswerFields {
  if (!value || !isQuestion(screen)) return { answer: [] };
  switch (value.kind) {
    case "choice":
      return { answer: [value.code] };
    case "choices":
      return { answer: value.codes };
    case "rating":
      return { answer: [String(value.value)] };
    case "text":
      return { answer: [], text: value.text };
    case "refused":
      return { answer: [REFUSAL_VALUE] };
    case "seen":
      return { answer: [] };
  }
}

/** Fields from a POSTed form (server actions) or a GET query. */
export function answerFieldsFrom(source: { getAll(name: string): unknown[] }): AnswerFields {
  const strings = (name: string) => source.getAll(name).filter((v): v is string => typeof v === "string");
  const text = strings("text")[0];
  return { answer: strings("answer"), ...(text === undefined ? {} : { text }) };
}

/** An answer in words, for summaries: option labels, the number, the text, or "Refused". */
export function describeAnswer(screen: Screen, value: AnswerValue): string {
  const label = (code: string) => choiceOptions(screen).find((o) => o.code === code)?.label ?? code;
  switch (value.kind) {
    case "choice":
      return label(value.code);
    case "choices":
      return value.codes.map(label).join(", ");
    case "rating":
      return String(value.value);
    case "text":
      return value.text === "" ? "(left empty)" : value.text;
    case "refused":
      return "Refused";
    case "seen":
      return "Shown";
  }
}
