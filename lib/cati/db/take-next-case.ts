import "server-only";
import { isWithinCallingHours, nextCallingTime } from "../calendar";
import { cachedCatiConfig, mayConvertRefusals, type CatiConfig } from "./settings";
import { QUOTA_CELL_OPEN_SQL } from "./quotas";
import { queueSql, sqlTime, type SqlRunner } from "./sql";
import { onlineOnlyResponseSql } from "./version-for-case";
import { currentTime } from "@/lib/clock";

// The next case for an interviewer (issue 4 "Next case"). This statement is the
// one place the queue's order is written: a case this interviewer holds, a due
// appointment of theirs, other due appointments, retries, then fresh cases.
//
// Why this order: a respondent who named a time is waiting for the call and the
// interviewer who agreed it has the rapport (fieldwork.md: "offered first to the
// interviewer who made it"), yet a missed appointment must not wait for them;
// retries come before fresh cases so that started cases reach a final
// disposition within the month instead of piling up as non-contacts; within a
// rank the longest overdue goes first, and fresh cases follow the stratum's
// random draw order so the released sample is worked without selection bias.
// Calling hours are checked once for `now` (isWithinCallingHours): outside them
// the statement is not run at all.
//
// One SQL statement:
//   - arms in priority order, each a CTE `ORDER BY ... LIMIT 1 FOR UPDATE SKIP
//     LOCKED` that an index answers in order (a case this interviewer already
//     holds, own due appointments, other due appointments, retries, fresh cases
//     in draw order, fresh cases released later);
//   - `UNION ALL ... LIMIT 1` over them: PostgreSQL runs an arm only when the ones
//     before it found nothing, so at most one row is locked;
//   - the hold is written and the CallAttempt opened in the same statement.
// Two concurrent calls cannot get the same case: the row lock is the database's
// (SKIP LOCKED passes over a row another call is taking), and a row taken and
// committed meanwhile is re-checked against `heldUntil` before it is locked (READ
// COMMITTED re-evaluates the WHERE clause on the new row version). Nothing lives
// in process memory, so any number of app instances may share the queue.

export interface TakeNextCaseInput {
  interviewerId: string;
  now?: Date;
  /** Work one sample only (null: every sample). */
  sampleId?: string | null;
  /** Tests and the benchmark pass their own connections; the app uses the queue pool (sql.ts). */
  run?: SqlRunner;
  /** Settings already loaded (tests); default: the Setting table, kept a few seconds (settings.ts). */
  config?: CatiConfig;
}

export type TakeNextCaseResult =
  | { ok: true; caseId: string; rank: (typeof RANK_NAMES)[keyof typeof RANK_NAMES]; heldUntil: Date }
  | { ok: false; reason: "OUTSIDE_CALLING_HOURS"; opensAt: Date }
  | { ok: false; reason: "NOTHING_DUE" };

const RANK_NAMES = { [-1]: "HELD", 0: "OWN_APPOINTMENT", 1: "APPOINTMENT", 2: "RETRY", 3: "FRESH", 4: "FRESH" } as const;

// $1 interviewer, $2 now, $3 hold until, $4 max attempts, $5 may convert refusals, $6 sample or null
const OFFERABLE = `
      NOT sc."final"
  AND (sc."heldUntil" IS NULL OR sc."heldUntil" <= $2::timestamp)
  AND sc."attempts" < $4::int
  AND (NOT sc."refusalConversion" OR $5::boolean)
  -- a mixed-mode case joins the telephone queue once the web side schedules it (fieldwork.md),
  -- unless its respondent began an online-only version (issue 13: not continued by telephone)
  AND (sc."mode" = 'PHONE' OR (sc."mode" = 'MIXED' AND sc."nextCallAt" IS NOT NULL AND NOT ${onlineOnlyResponseSql("sc")}))
  AND ($6::uuid IS NULL OR sc."sampleId" = $6::uuid)
  AND EXISTS (
        SELECT 1 FROM "FrameClient" fc
        WHERE fc."id" = sc."clientId" AND fc."hasPhone" AND NOT fc."doNotContact"
          AND NOT EXISTS (SELECT 1 FROM "DoNotContactEntry" d WHERE d."service" = fc."service" AND d."clientRef" = fc."clientRef"))
  AND ${QUOTA_CELL_OPEN_SQL}`;

const arm = (rank: number, where: string, orderBy: string) => `
  (SELECT sc."id", ${rank} AS rank FROM "SampleCase" sc
   WHERE ${where}
   ORDER BY ${orderBy}
   LIMIT 1 FOR UPDATE SKIP LOCKED)`;

export const TAKE_NEXT_CASE_SQL = `
WITH
held AS ${arm(-1, `sc."heldById" = $1::uuid AND sc."heldUntil" > $2::timestamp AND NOT sc."final"`, `sc."heldUntil" DESC`)},
own_appointment AS ${arm(0, `${OFFERABLE} AND sc."appointmentAt" <= $2::timestamp AND sc."appointmentById" = $1::uuid`, `sc."appointmentAt", sc."drawOrder", sc."id"`)},
appointment AS ${arm(1, `${OFFERABLE} AND sc."appointmentAt" <= $2::timestamp`, `sc."appointmentAt", sc."drawOrder", sc."id"`)},
retry AS ${arm(2, `${OFFERABLE} AND sc."appointmentAt" IS NULL AND sc."attempts" > 0 AND sc."nextCallAt" <= $2::timestamp`, `sc."nextCallAt", sc."drawOrder", sc."id"`)},
fresh AS ${arm(3, `${OFFERABLE} AND sc."appointmentAt" IS NULL AND sc."attempts" = 0 AND sc."nextCallAt" IS NULL`, `sc."drawOrder", sc."id"`)},
fresh_released AS ${arm(4, `${OFFERABLE} AND sc."appointmentAt" IS NULL AND sc."attempts" = 0 AND sc."nextCallAt" <= $2::timestamp`, `sc."nextCallAt", sc."drawOrder", sc."id"`)},
picked AS (
  SELECT * FROM held UNION ALL SELECT * FROM own_appointment UNION ALL SELECT * FROM appointment
  UNION ALL SELECT * FROM retry UNION ALL SELECT * FROM fresh UNION ALL SELECT * FROM fresh_released
  LIMIT 1),
taken AS (
  UPDATE "SampleCase" sc SET "heldById" = $1::uuid, "heldUntil" = $3::timestamp, "updatedAt" = $2::timestamp
  FROM picked WHERE sc."id" = picked."id"
  RETURNING sc."id", picked.rank),
attempt AS (
  INSERT INTO "CallAttempt" ("sampleCaseId", "interviewerId", "startedAt")
  SELECT "id", $1::uuid, $2::timestamp FROM taken WHERE rank >= 0
  RETURNING "id")
SELECT taken."id"::text AS "caseId", taken.rank::int AS rank, (SELECT count(*) FROM attempt)::int AS opened FROM taken`;

/**
 * Gives the interviewer the most urgent due case and holds it for them
 * (holdExpiryMinutes, renewed while they work it), opening a CallAttempt. A case
 * they already hold comes back first, so nobody collects cases. Outside calling
 * hours nothing is offered and the query is not run.
 */
export async function takeNextCase(input: TakeNextCaseInput): Promise<TakeNextCaseResult> {
  const now = input.now ?? currentTime();
  const run = input.run ?? queueSql;
  const config = input.config ?? (await cachedCatiConfig({ run }));
  const { settings } = config;
  if (!isWithinCallingHours(now, settings)) return { ok: false, reason: "OUTSIDE_CALLING_HOURS", opensAt: nextCallingTime(now, settings) };
  // fieldwork.md: an abandoned hold expires (30 minutes by default).
  const heldUntil = new Date(now.getTime() + settings.holdExpiryMinutes * 60_000);
  const rows = await run(
    TAKE_NEXT_CASE_SQL,
    [input.interviewerId, sqlTime(now), sqlTime(heldUntil), settings.maxAttempts, mayConvertRefusals(config, input.interviewerId), input.sampleId ?? null],
    "cati_take_next_case",
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: "NOTHING_DUE" };
  return { ok: true, caseId: String(row.caseId), rank: RANK_NAMES[Number(row.rank) as keyof typeof RANK_NAMES], heldUntil };
}
