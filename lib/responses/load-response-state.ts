import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import {
  effectiveAnswers,
  nextScreen,
  type AnswerValue,
  type CaseAttributes,
  type Mode,
  type NextScreen,
  type QuestionnaireVersion,
} from "@/lib/questionnaire";
import { shippedVersion } from "./register-version";
import { parseCaseAttributes, storedAnswers } from "./stored-answers";
import { versionContentHash } from "./version-hash";

export interface ResponseState {
  response: {
    id: string;
    versionId: string;
    mode: Mode;
    status: "IN_PROGRESS" | "COMPLETE" | "BROKEN_OFF";
    /** pass as expectedRevision with the next saveAnswer */
    revision: number;
    sampleCaseId: string | null;
    startedAt: Date;
    completedAt: Date | null;
  };
  version: QuestionnaireVersion;
  caseAttributes: CaseAttributes;
  /** everything stored, answers that fell off the route included (what the runner takes) */
  answers: Record<string, AnswerValue>;
  /** the answers that count: on-route questions only, no seen markers (results, summaries) */
  effective: Record<string, AnswerValue>;
  /** where to resume: the first on-route screen with nothing stored, or done */
  next: NextScreen;
  /** false when the shipped definition differs from the one this response used: saving will be refused */
  versionUnchanged: boolean;
}

/** Everything a screen needs to show or resume a response. */
export async function loadResponseState(responseId: string, inTransaction?: Prisma.TransactionClient): Promise<ResponseState> {
  // In the caller's transaction when given (completing an interview reads and writes in one).
  const run = <T>(body: (tx: Prisma.TransactionClient) => Promise<T>) => (inTransaction ? body(inTransaction) : db().$transaction(body));
  return run(async (tx) => {
    const row = await tx.response.findUnique({ where: { id: responseId }, include: { version: { select: { contentHash: true } } } });
    if (!row) throw new AppError("RESPONSE_NOT_FOUND", "This interview no longer exists.");
    const version = shippedVersion(row.versionId);
    const caseAttributes = parseCaseAttributes(row.caseAttributes);
    const answers = await storedAnswers(tx, responseId);
    const input = { version, caseAttributes, answers };
    return {
      response: {
        id: row.id,
        versionId: row.versionId,
        mode: row.mode,
        status: row.status,
        revision: row.revision,
        sampleCaseId: row.sampleCaseId,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
      },
      version,
      caseAttributes,
      answers,
      effective: effectiveAnswers(input),
      next: nextScreen(input),
      versionUnchanged: row.version.contentHash === versionContentHash(version),
    };
  });
}
