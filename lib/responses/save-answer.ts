import "server-only";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkAnswer, nextScreen, type AnswerValue, type NextScreen } from "@/lib/questionnaire";
import { shippedVersion, versionChangedError } from "./register-version";
import type { SaveAnswerInput } from "./schemas";
import { parseCaseAttributes, storedAnswers } from "./stored-answers";
import { canonicalJson, versionContentHash } from "./version-hash";

export interface SaveAnswerResult {
  /** false when the same answer was already stored (a repeated submission): nothing was written */
  changed: boolean;
  /** the response's revision after the save: pass it back as expectedRevision with the next answer */
  revision: number;
  /** the value as stored (normalised by checkAnswer) */
  value: AnswerValue;
  /** the screen after this one on the route (kept answers show when walking forward after Back), or done */
  next: NextScreen;
  status: "IN_PROGRESS" | "COMPLETE" | "BROKEN_OFF";
  /** everything stored before this save (what the caller's rules, such as the end of screening, compare with) */
  answersBefore: Record<string, AnswerValue>;
}

interface LockedResponse {
  versionId: string;
  revision: number;
  caseAttributes: unknown;
  status: SaveAnswerResult["status"];
  /** the version's stored hash (null: never registered) */
  contentHash: string | null;
  versionStatus: string | null;
}

/**
 * Stores one answer the moment it is given, in one transaction:
 * - the response row is locked (SELECT ... FOR UPDATE), so saves to one response
 *   run one at a time whichever tab or instance they come from;
 * - the answer is checked with the runner's checkAnswer against the answers
 *   stored so far (on the route, valid), and the version against its stored hash;
 * - the same answer again changes nothing (no new history row): a double submit
 *   or a retried request is harmless;
 * - with `expectedRevision`, a different answer from a form shown before another
 *   change to the response is refused (REVISION_CONFLICT) rather than overwriting it;
 * - otherwise the Answer row is written (one per response and question), an
 *   AnswerHistory row appended with the time, mode and who, and the revision bumped.
 * Answers later screens had that fall off the route stay stored (and in history);
 * results read effectiveAnswers.
 */
export async function saveAnswer(input: SaveAnswerInput & { recordedById?: string; now?: Date }, inTransaction?: Prisma.TransactionClient): Promise<SaveAnswerResult> {
  const now = input.now ?? currentTime();
  // In the caller's transaction when given (the last answer of a telephone interview completes the case with it).
  const run = <T>(body: (tx: Prisma.TransactionClient) => Promise<T>) => (inTransaction ? body(inTransaction) : db().$transaction(body));
  return run(async (tx) => {
    const response = await lockResponse(tx, input.responseId);
    if (response.status === "COMPLETE" && input.mode === "ONLINE") {
      // A respondent cannot reopen a submitted questionnaire; an interviewer may correct one.
      throw new AppError("RESPONSE_COMPLETE", "These answers have already been sent. Thank you for taking part.");
    }
    const version = shippedVersion(response.versionId);
    if (!version.settings.modes.includes(input.mode)) {
      throw new AppError("WRONG_MODE", `Questionnaire version ${version.id} is not asked ${input.mode === "PHONE" ? "by telephone" : "online"}.`);
    }
    // The version's stored hash came with the lock (one round trip fewer per answer).
    if (response.contentHash === null) throw new AppError("UNKNOWN_VERSION", `Questionnaire version ${version.id} has not been registered.`);
    if (response.contentHash !== versionContentHash(version)) throw versionChangedError(version.id);
    const caseAttributes = parseCaseAttributes(response.caseAttributes);
    const answers = await storedAnswers(tx, input.responseId);

    const checked = checkAnswer({ version, caseAttributes, answers, screenId: input.screenId, value: input.value });
    if (!checked.ok) throw new AppError(checked.error.code, checked.error.message, "answer");
    const value = checked.value;
    const previous = answers[input.screenId];
    const after = { ...answers, [input.screenId]: value };
    const next = nextScreen({ version, caseAttributes, answers: after, after: input.screenId });

    if (previous !== undefined && canonicalJson(previous) === canonicalJson(value)) {
      return { changed: false, revision: response.revision, value, next, status: response.status, answersBefore: answers };
    }
    if (input.expectedRevision !== undefined && input.expectedRevision !== response.revision) {
      throw new AppError(
        "REVISION_CONFLICT",
        "This interview was changed in another window or tab since this question was shown. Reload it to see the latest answers.",
      );
    }

    const revision = response.revision + 1;
    const status = nextScreen({ version, caseAttributes, answers: after }).done ? "COMPLETE" : "IN_PROGRESS";
    const json = JSON.stringify(value);
    const by = input.mode === "PHONE" ? (input.recordedById ?? null) : null;
    // completedAt: when it first became complete (a later correction keeps it)
    const completedAt = status === "COMPLETE" ? (response.status === "COMPLETE" ? "keep" : "set") : "clear";
    // The answer, its history row and the response's new revision in one statement
    // (one round trip: this is the hot path of every online and telephone answer).
    await tx.$executeRaw`
      WITH answer AS (
        INSERT INTO "Answer" ("responseId", "questionId", "value", "mode", "answeredAt", "answeredById")
        VALUES (${input.responseId}::uuid, ${input.screenId}, ${json}::jsonb, ${input.mode}::"InterviewMode", ${now.toISOString()}::timestamp, ${by}::uuid)
        ON CONFLICT ("responseId", "questionId") DO UPDATE
          SET "value" = EXCLUDED."value", "mode" = EXCLUDED."mode", "answeredAt" = EXCLUDED."answeredAt", "answeredById" = EXCLUDED."answeredById"
        RETURNING 1
      ), history AS (
        INSERT INTO "AnswerHistory" ("responseId", "questionId", "value", "previousValue", "mode", "byId", "revision", "at")
        VALUES (${input.responseId}::uuid, ${input.screenId}, ${json}::jsonb, ${previous === undefined ? null : JSON.stringify(previous)}::jsonb, ${input.mode}::"InterviewMode", ${by}::uuid, ${revision}, ${now.toISOString()}::timestamp)
        RETURNING 1
      )
      UPDATE "Response" SET "revision" = ${revision}, "status" = ${status}::"ResponseStatus", "updatedAt" = ${now.toISOString()}::timestamp,
        "completedAt" = CASE ${completedAt} WHEN 'keep' THEN "completedAt" WHEN 'set' THEN ${now.toISOString()}::timestamp ELSE NULL END
      WHERE "id" = ${input.responseId}::uuid`;
    return { changed: true, revision, value, next, status, answersBefore: answers };
  });
}

async function lockResponse(tx: Prisma.TransactionClient, responseId: string): Promise<LockedResponse> {
  const rows = await tx.$queryRaw<LockedResponse[]>`
    SELECT r."versionId", r."revision", r."caseAttributes", r."status"::text AS "status", v."contentHash", v."status"::text AS "versionStatus"
    FROM "Response" r LEFT JOIN "QuestionnaireVersion" v ON v."id" = r."versionId"
    WHERE r."id" = ${responseId}::uuid FOR UPDATE OF r`;
  const row = rows[0];
  if (!row) throw new AppError("RESPONSE_NOT_FOUND", "This interview no longer exists.");
  return row;
}
