import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { answerValueSchema, caseAttributesSchema, type AnswerValue, type CaseAttributes } from "@/lib/questionnaire";

/** Every stored answer and seen marker of a response, keyed by screen id (off-route ones included). */
export async function storedAnswers(tx: Prisma.TransactionClient, responseId: string): Promise<Record<string, AnswerValue>> {
  const rows = await tx.answer.findMany({ where: { responseId }, select: { questionId: true, value: true } });
  const answers: Record<string, AnswerValue> = {};
  // Values were checked on the way in; a row that no longer parses is a programming error.
  for (const row of rows) answers[row.questionId] = answerValueSchema.parse(row.value);
  return answers;
}

export function parseCaseAttributes(json: unknown): CaseAttributes {
  return caseAttributesSchema.parse(json);
}
