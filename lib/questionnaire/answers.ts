import { answerValueSchema, type AnswerValue } from "./answer-value";
import { choiceOptions } from "./question-options";
import type { Question, Screen } from "./schema";

// Validation of one answer against its question. Errors carry a code the
// respondent page and the interviewer screen map to a field, and a message a
// person can act on (style.md), in GOV.UK error-message style.

export type AnswerErrorCode =
  | "INVALID" // not an answer value at all
  | "WRONG_KIND" // e.g. a rating given to a single-choice question
  | "UNKNOWN_OPTION"
  | "NO_SELECTION"
  | "EXCLUSIVE_OPTION" // "Don't know" etc. chosen together with other answers
  | "NOT_AN_INTEGER"
  | "OUT_OF_RANGE"
  | "EMPTY"
  | "TOO_LONG"
  | "UNKNOWN_SCREEN" // runner.checkAnswer: no such screen in the version
  | "OFF_ROUTE"; // runner.checkAnswer: the screen is not on this respondent's route

export interface AnswerError {
  code: AnswerErrorCode;
  message: string;
  screenId: string;
}

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; error: AnswerError };

export function answerError(screenId: string, code: AnswerErrorCode, message: string): AnswerCheck {
  return { ok: false, error: { code, message, screenId } };
}

/**
 * Checks `value` (e.g. straight from a form post) against the screen and returns
 * it normalised: text trimmed, multiple choices de-duplicated and in option order,
 * so that the same submission twice stores the same value.
 * A refusal is valid for every question (methodology.md; interchange.md §2).
 */
export function validateAnswer(screen: Screen, value: unknown): AnswerCheck {
  const parsed = answerValueSchema.safeParse(value);
  const fail = (code: AnswerErrorCode, message: string) => answerError(screen.id, code, message);
  if (!parsed.success) return fail("INVALID", "The answer could not be read. Try again.");
  const answer = parsed.data;

  if (screen.kind === "info") {
    return answer.kind === "seen" ? { ok: true, value: answer } : fail("WRONG_KIND", "This screen takes no answer.");
  }
  if (answer.kind === "refused") return { ok: true, value: answer };

  switch (screen.kind) {
    case "single":
    case "yesNo": {
      if (answer.kind !== "choice") return fail("WRONG_KIND", "Select an answer.");
      if (!choiceOptions(screen).some((o) => o.code === answer.code)) return fail("UNKNOWN_OPTION", "Select one of the answers shown.");
      return { ok: true, value: answer };
    }
    case "multiple": {
      if (answer.kind !== "choices") return fail("WRONG_KIND", "Select at least one answer.");
      if (answer.codes.length === 0) return fail("NO_SELECTION", "Select at least one answer.");
      if (answer.codes.some((c) => !screen.options.some((o) => o.code === c))) {
        return fail("UNKNOWN_OPTION", "Select only answers that are shown.");
      }
      const chosen = screen.options.filter((o) => answer.codes.includes(o.code));
      const exclusive = chosen.find((o) => o.special);
      if (exclusive && chosen.length > 1) {
        return fail("EXCLUSIVE_OPTION", `"${exclusive.label}" cannot be selected with other answers.`);
      }
      return { ok: true, value: { kind: "choices", codes: chosen.map((o) => o.code) } };
    }
    case "rating": {
      const range = `Enter a whole number from ${screen.min} to ${screen.max}.`;
      if (answer.kind !== "rating") return fail("WRONG_KIND", range);
      if (!Number.isInteger(answer.value)) return fail("NOT_AN_INTEGER", range);
      if (answer.value < screen.min || answer.value > screen.max) return fail("OUT_OF_RANGE", range);
      return { ok: true, value: answer };
    }
    case "text": {
      if (answer.kind !== "text") return fail("WRONG_KIND", "Enter your answer as text.");
      const text = answer.text.replace(/\r\n?/g, "\n").trim();
      if (text === "" && !screen.optional) return fail("EMPTY", "Enter an answer.");
      // Count characters as a person does (code points), not UTF-16 units.
      if ([...text].length > screen.maxLength) {
        return fail("TOO_LONG", `Your answer must be ${screen.maxLength} characters or fewer.`);
      }
      return { ok: true, value: { kind: "text", text } };
    }
  }
}

/**
 * What to store when the respondent refuses, or the interviewer codes a refusal.
 * Where the seed offers "Prefer not to say" (CES ethnicity, health) that option is
 * the refusal; everywhere else a generic refusal (interchange code REFUSED). The
 * interviewer screen always offers it (not read out); the respondent page offers
 * it as "Prefer not to answer" under questions without their own option, because
 * respondents are told they need not answer any question (methodology.md).
 */
export function refusalAnswer(question: Question): AnswerValue {
  const option = choiceOptions(question).find((o) => o.special === "REFUSED");
  if (!option) return { kind: "refused" };
  return question.kind === "multiple" ? { kind: "choices", codes: [option.code] } : { kind: "choice", code: option.code };
}

/** True when the answer is a refusal, generic or by a "Prefer not to say" option. */
export function isRefusal(question: Question, answer: AnswerValue): boolean {
  if (answer.kind === "refused") return true;
  const refusal = choiceOptions(question).find((o) => o.special === "REFUSED");
  if (!refusal) return false;
  if (answer.kind === "choice") return answer.code === refusal.code;
  return answer.kind === "choices" && answer.codes.length === 1 && answer.codes[0] === refusal.code;
}
