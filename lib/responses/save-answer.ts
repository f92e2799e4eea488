import "server-only";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { answersSchema, checkAnswer, nextScreen, wordingFor, type AnswerValue, type NextScreen } from "@/lib/questionnaire";
import { shippedVersion, versionChangedError } from "./register-version";
import type { SaveAnswerInput } from "./schemas";
import { parseCaseAttributes } from "./stored-answers";
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

interface StoredResponse {
  versionId: string;
  revision: number;
  caseAttributes: unknown;
  status: SaveAnswerResult["status"];
  /** the version's stored hash (null: never registered) */
  contentHash: string | null;
  /** every stored answer and seen marker, keyed by screen id */
  answers: unknown;
}

// A save that lost the race to another one reads again; more than this many losses in a row is refused.
const MAX_ATTEMPTS = 20;

/**
 * Stores one answer the moment it is given, atomically, in two statements (this
 * is the hot path of every online and telephone answer, bench/online-answers):
 * - one read of the response, its version's stored hash and its answers so far
 *   (one snapshot); the answer is checked with the runner's checkAnswer against
 *   them (on the route, valid), and the version against its stored hash;
 * - the same answer again changes nothing (no new history row): a double submit
 *   or a retried request is harmless;
 * - with `expectedRevision`, a different answer from a form shown before another
 *   change to the response is refused (REVISION_CONFLICT) rather than overwriting it;
 * - otherwise one statement bumps the response's revision only if it is still the
 *   one read (compare and swap: saves to one response apply one at a time whichever
 *   tab or instance they come from), and with it writes the Answer row (one per
 *   response and question) and appends an AnswerHistory row with the time, mode
 *   and who. A save that lost the race reads again and decides again.
 * Answers later screens had that fall off the route stay stored (and in history);
 * results read effectiveAnswers.
 */
export async function saveAnswer(
  input: SaveAnswerInput & { recordedById?: string; now?: Date },
  inTransaction?: Prisma.TransactionClient,
): Promise<SaveAnswerResult> {
  const now = input.now ?? currentTime();
  // In the caller's transaction when given (the last answer of a telephone interview completes the case with it).
  const client = inTransaction ?? db();
  for (let attempt = 1; ; attempt++) {
    const response = await readResponse(client, input.responseId);
    if (response.status === "COMPLETE" && input.mode === "ONLINE") {
      // A respondent cannot reopen a submitted questionnaire; an interviewer may correct one.
      throw new AppError("RESPONSE_COMPLETE", "These answers have already been sent. Thank you for taking part.");
    }
    const version = shippedVersion(response.versionId);
    // Asked this way, or in other words by a version asking the same questions (a telephone response continued online).
    if (!wordingFor(version, input.mode)) {
      throw new AppError("WRONG_MODE", `Questionnaire version ${version.id} is not asked ${input.mode === "PHONE" ? "by telephone" : "online"}.`);
    }
    if (response.contentHash === null) throw new AppError("UNKNOWN_VERSION", `Questionnaire version ${version.id} has not been registered.`);
    if (response.contentHash !== versionContentHash(version)) throw versionChangedError(version.id);
    const caseAttributes = parseCaseAttributes(response.caseAttributes);
    // Values were checked on the way in; a row that no longer parses is a programming error.
    const answers: Record<string, AnswerValue> = answersSchema.parse(response.answers ?? {});

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
    const at = now.toISOString();
    // completedAt: when it first became complete (a later correction keeps it)
    const completedAt = status === "COMPLETE" ? (response.status === "COMPLETE" ? "keep" : "set") : "clear";
    // The revision moves on only from the one read (and the status with it); the
    // answer and its history row are written only when it did.
    const written = await client.$queryRaw<{ n: number }[]>`
      WITH bumped AS (
        UPDATE "Response" SET "revision" = ${revision}, "status" = ${status}::"ResponseStatus", "updatedAt" = ${at}::timestamp,
          "completedAt" = CASE ${completedAt} WHEN 'keep' THEN "completedAt" WHEN 'set' THEN ${at}::timestamp ELSE NULL END
        WHERE "id" = ${input.responseId}::uuid AND "revision" = ${response.revision} AND "status" = ${response.status}::"ResponseStatus"
        RETURNING "id"
      ), answer AS (
        INSERT INTO "Answer" ("responseId", "questionId", "value", "mode", "answeredAt", "answeredById")
        SELECT "id", ${input.screenId}, ${json}::jsonb, ${input.mode}::"InterviewMode", ${at}::timestamp, ${by}::uuid FROM bumped
        ON CONFLICT ("responseId", "questionId") DO UPDATE
          SET "value" = EXCLUDED."value", "mode" = EXCLUDED."mode", "answeredAt" = EXCLUDED."answeredAt", "answeredById" = EXCLUDED."answeredById"
        RETURNING 1
      ), history AS (
        INSERT INTO "AnswerHistory" ("responseId", "questionId", "value", "previousValue", "mode", "byId", "revision", "at")
        SELECT "id", ${input.screenId}, ${json}::jsonb, ${previous === undefined ? null : JSON.stringify(previous)}::jsonb, ${input.mode}::"InterviewMode", ${by}::uuid, ${revision}, ${at}::timestamp FROM bumped
        RETURNING 1
      )
      SELECT count(*)::int AS "n" FROM bumped`;
    if (written[0]?.n === 1) return { changed: true, revision, value, next, status, answersBefore: answers };
    if (attempt >= MAX_ATTEMPTS) {
      throw new AppError("REVISION_CONFLICT", "This interview is being changed in another window or tab. Reload it to see the latest answers.");
    }
  }
}

async function readResponse(client: Prisma.TransactionClient, responseId: string): Promise<StoredResponse> {
  const rows = await client.$queryRaw<StoredResponse[]>`
    SELECT r."versionId", r."revision", r."caseAttributes", r."status"::text AS "status", v."contentHash",
      (SELECT coalesce(jsonb_object_agg(a."questionId", a."value"), '{}'::jsonb) FROM "Answer" a WHERE a."responseId" = r."id") AS "answers"
    FROM "Response" r LEFT JOIN "QuestionnaireVersion" v ON v."id" = r."versionId"
    WHERE r."id" = ${responseId}::uuid`;
  const row = rows[0];
  if (!row) throw new AppError("RESPONSE_NOT_FOUND", "This interview no longer exists.");
  return row;
}
