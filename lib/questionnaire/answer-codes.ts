import { REFUSED, type AnswerValue } from "./answer-value";
import { answerError, validateAnswer, type AnswerCheck } from "./answers";
import type { Question } from "./schema";

// Answers as interchange.md §2 cells: one code per question column, empty =
// not asked. Ours: multiple choice codes are joined with ";" in option order.

export const MULTIPLE_SEPARATOR = ";";

/** The interchange cell for an answer; undefined for an information screen's "seen". */
export function toAnswerCode(value: AnswerValue): string | undefined {
  switch (value.kind) {
    case "choice":
      return value.code;
    case "choices":
      return value.codes.join(MULTIPLE_SEPARATOR);
    case "rating":
      return String(value.value);
    case "text":
      return value.text;
    case "refused":
      return REFUSED;
    case "seen":
      return undefined;
  }
}

/**
 * Reads an interchange cell for a question; undefined for an empty cell (not
 * asked). A cell reading REFUSED is a refusal for every question kind, free
 * text included (interchange.md: "REFUSED for any question").
 */
export function fromAnswerCode(question: Question, cell: string): AnswerCheck | undefined {
  const raw = cell.trim();
  if (raw === "") return undefined;
  if (raw === REFUSED) return { ok: true, value: { kind: "refused" } };
  switch (question.kind) {
    case "single":
    case "yesNo":
      return validateAnswer(question, { kind: "choice", code: raw });
    case "multiple":
      return validateAnswer(question, { kind: "choices", codes: raw.split(MULTIPLE_SEPARATOR).map((c) => c.trim()) });
    case "rating":
      if (!/^-?\d+$/.test(raw)) {
        return answerError(question.id, "NOT_AN_INTEGER", `Expected a whole number from ${question.min} to ${question.max}.`);
      }
      return validateAnswer(question, { kind: "rating", value: Number(raw) });
    case "text":
      return validateAnswer(question, { kind: "text", text: cell });
  }
}
