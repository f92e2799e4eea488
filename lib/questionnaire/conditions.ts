import { z } from "zod";
import { REFUSED, type AnswerValue, type Answers } from "./answer-value";
import {
  contactReasonSchema,
  monthSchema,
  paymentMethodSchema,
  roleSchema,
  serviceSchema,
  type CaseAttributes,
  type ContactReason,
  type PaymentMethod,
  type ClientRole,
  type Service,
} from "./attributes";

// A small routing language held as JSON data in a questionnaire version
// (questionnaires.md: routing "is part of the questionnaire data"). Evaluated by
// a plain interpreter: no eval, no functions in the data.

export const SCREEN_ID = /^[A-Z][A-Z0-9_]*$/;
const screenIdSchema = z.string().regex(SCREEN_ID, "expected an id like CES_SAT");

export type CaseCondition =
  | { case: "role"; in: ClientRole[] }
  | { case: "contactReason"; in: ContactReason[] }
  | { case: "paymentMethod"; in: PaymentMethod[] }
  | { case: "service"; in: Service[] }
  /** inclusive range of contact months, either end optional */
  | { case: "contactMonth"; from?: string; to?: string };

export type AnswerCondition =
  /** single choice / yes-no code, or rating value, is one of; "REFUSED" matches a refusal */
  | { answer: string; in: Array<string | number> }
  /** multiple choice: at least one of these codes was chosen */
  | { answer: string; includesAny: string[] }
  /** the question has an answer other than a refusal */
  | { answered: string };

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | CaseCondition | AnswerCondition;

const caseConditionSchema = z.discriminatedUnion("case", [
  z.object({ case: z.literal("role"), in: z.array(roleSchema).min(1) }).strict(),
  z.object({ case: z.literal("contactReason"), in: z.array(contactReasonSchema).min(1) }).strict(),
  z.object({ case: z.literal("paymentMethod"), in: z.array(paymentMethodSchema).min(1) }).strict(),
  z.object({ case: z.literal("service"), in: z.array(serviceSchema).min(1) }).strict(),
  z
    .object({ case: z.literal("contactMonth"), from: monthSchema.optional(), to: monthSchema.optional() })
    .strict()
    .refine((c) => c.from !== undefined || c.to !== undefined, "a contactMonth condition needs from or to")
    .refine((c) => !c.from || !c.to || c.from <= c.to, "contactMonth: from is after to"),
]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    caseConditionSchema,
    z.object({ answer: screenIdSchema, in: z.array(z.union([z.string().min(1), z.number().int()])).min(1) }).strict(),
    z.object({ answer: screenIdSchema, includesAny: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ answered: screenIdSchema }).strict(),
  ]),
);

export interface ConditionContext {
  caseAttributes: CaseAttributes;
  /** Only answers on the current route: the runner passes effective answers. */
  answers: Answers;
}

export function evaluateCondition(condition: Condition, ctx: ConditionContext): boolean {
  if ("all" in condition) return condition.all.every((c) => evaluateCondition(c, ctx));
  if ("any" in condition) return condition.any.some((c) => evaluateCondition(c, ctx));
  if ("not" in condition) return !evaluateCondition(condition.not, ctx);
  if ("case" in condition) return evaluateCaseCondition(condition, ctx.caseAttributes);
  if ("answered" in condition) {
    const value = ctx.answers[condition.answered];
    return value !== undefined && value.kind !== "refused" && value.kind !== "seen";
  }
  const value: AnswerValue | undefined = ctx.answers[condition.answer];
  if (value === undefined) return false;
  if ("includesAny" in condition) {
    return value.kind === "choices" && value.codes.some((code) => condition.includesAny.includes(code));
  }
  switch (value.kind) {
    case "choice":
      return condition.in.includes(value.code);
    case "rating":
      return condition.in.includes(value.value);
    case "refused":
      return condition.in.includes(REFUSED);
    default:
      return false;
  }
}

function evaluateCaseCondition(condition: CaseCondition, attrs: CaseAttributes): boolean {
  // A missing attribute matches nothing (attributes.ts).
  switch (condition.case) {
    case "role":
      return attrs.role !== undefined && condition.in.includes(attrs.role);
    case "contactReason":
      return attrs.contactReason !== undefined && condition.in.includes(attrs.contactReason);
    case "paymentMethod":
      return attrs.paymentMethod !== undefined && condition.in.includes(attrs.paymentMethod);
    case "service":
      return attrs.service !== undefined && condition.in.includes(attrs.service);
    case "contactMonth": {
      const month = attrs.contactMonth;
      if (month === undefined) return false;
      return (condition.from === undefined || month >= condition.from) && (condition.to === undefined || month <= condition.to);
    }
  }
}

/** Every answer condition inside a condition, for static checks (schema.ts). */
export function answerConditions(condition: Condition): AnswerCondition[] {
  if ("all" in condition) return condition.all.flatMap(answerConditions);
  if ("any" in condition) return condition.any.flatMap(answerConditions);
  if ("not" in condition) return answerConditions(condition.not);
  if ("case" in condition) return [];
  return [condition];
}

/** The question id an answer condition reads. */
export function referencedQuestion(condition: AnswerCondition): string {
  return "answered" in condition ? condition.answered : condition.answer;
}

export { describeCondition, describeAskedOf } from "./condition-words";
