import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { csvFileError, readCsvRecords, type RowError } from "../response-csv";
import { readResponseRow, readResponsesHeader, type RespondentRecord, type ResponsesHeader } from "../response-row";
import { withPgClient } from "@/lib/sampling/db/pg";
import { copyText } from "@/lib/sampling/frame/copy";
import { currentTime } from "@/lib/clock";

// `responses import FILE [--strict]` (interchange.md §2, §4) and the upload page.
// The file is streamed and checked row by row; valid rows are COPY'd into a
// staging table as they come, then upserted on (survey, respondent_ref) with one
// statement in the transaction that records the import's counts, so a failed
// import leaves nothing behind. --strict: any row error commits nothing.

export interface ImportResponsesOptions {
  readonly input: Readable | AsyncIterable<string | Buffer>;
  readonly fileName: string;
  readonly strict?: boolean;
  readonly actorId?: string | null;
  readonly onProgress?: (rows: number) => void;
}

export interface ResponsesImportResult {
  readonly importId: string;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly errors: RowError[];
  readonly status: "COMPLETED" | "REJECTED";
}

/** Errors stored per import (all are returned to the caller). */
const MAX_STORED_ERRORS = 10_000;
/**
 * An import changing more respondents than this has the generation triggers log
 * "everything" (migration 20261205320000), so it stores its surveys' columns
 * (respondent-store.ts) rather than leave each new process to read them.
 */
const STORE_COLUMNS_AFTER = 10_000;
/** COPY text handed to PostgreSQL at a time. */
const COPY_BATCH_BYTES = 1 << 20;

const STAGING_COLUMNS = ["s", "ref", "v", "d", "m", "ro", "cr", "ab", "g", "e", "h", "sl", "csa", "w", "a", "x"] as const;

export async function importResponses(options: ImportResponsesOptions): Promise<ResponsesImportResult> {
  const strict = options.strict ?? false;
  const imp = await db().responseImport.create({ data: { fileName: options.fileName, strict, byId: options.actorId ?? null } });
  // Valid rows go to a staging table by COPY as the file is read (memory stays
  // flat), then into SurveyRespondent with one set-based upsert in the
  // transaction that records the import, so a failed import leaves nothing behind.
  const staging = `response_import_${imp.id}`;
  try {
    const check = new FileCheck(options);
    await withPgClient(async (pg) => {
      // UNLOGGED: no WAL for rows that live for one import; a regular table so the Prisma transaction can read it.
      await pg.query(`CREATE UNLOGGED TABLE "${staging}" (${STAGING_COLUMNS.map((c) => `"${c}" text`).join(", ")})`);
      await pipeline(Readable.from(check.copyText(), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" FROM STDIN`)));
    });
    const { errors, rows, rejected, fileError } = check;
    const commit = !fileError && !(strict && errors.length > 0);
    let inserted = 0;
    let updated = 0;
    const status = commit ? "COMPLETED" : "REJECTED";
    await db().$transaction(
      async (tx) => {
        if (commit) ({ inserted, updated } = await upsertFromStaging(tx, staging, imp.id));
        if (errors.length) {
          await tx.responseImportError.createMany({
            data: errors.slice(0, MAX_STORED_ERRORS).map((e) => ({ importId: imp.id, line: e.line, column: e.column, message: e.message })),
          });
        }
        await tx.responseImport.update({
          where: { id: imp.id },
          data: { status, finishedAt: currentTime(), rows, inserted, updated, rejected: commit ? rejected : rows, fileError },
        });
        await recordAuditEvent(tx, {
          actorId: options.actorId ?? null,
          action: "responses.imported",
          entityType: "ResponseImport",
          entityId: imp.id.toString(),
          details: { fileName: options.fileName, strict, status, rows, inserted, updated, rejected: commit ? rejected : rows },
        });
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
    // Every reader would read the changed versions again: read them once now, into the stored respondent columns.
    if (inserted + updated > STORE_COLUMNS_AFTER) {
      const { storeSurveyColumns } = await import("./respondent-store");
      for (const survey of check.surveys)
        await storeSurveyColumns(survey).catch((error: unknown) =>
          // The import stands: the next request reads the respondents instead.
          log.warn({ err: error, importId: imp.id.toString(), survey }, "storing the respondent columns after an import failed"),
        );
    }
    return { importId: imp.id.toString(), inserted, updated, rejected: commit ? rejected : rows, errors, status };
  } catch (error) {
    log.error({ err: error, importId: imp.id.toString() }, "responses import failed");
    await db()
      .responseImport.update({ where: { id: imp.id }, data: { status: "FAILED", finishedAt: currentTime() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}

/** A valid row as a line of COPY text (STAGING_COLUMNS). */
function copyLine(r: RespondentRecord): string {
  const p = r.profile;
  return (
    [
      r.survey,
      copyText(r.respondentRef),
      r.questionnaireVersion,
      r.interviewDate,
      r.mode,
      r.role,
      r.contactReason,
      copyText(p.age_band ?? null),
      copyText(p.gender ?? null),
      copyText(p.ethnicity ?? null),
      copyText(p.health ?? null),
      copyText(p.service_length ?? null),
      copyText(p.csa_closure_letter ?? null),
      r.weight === null ? "\\N" : String(r.weight),
      copyText(JSON.stringify(r.answers)),
      copyText(r.extra ? JSON.stringify(r.extra) : null),
    ].join("\t") + "\n"
  );
}

/** Reads and checks the file row by row; valid rows come out as COPY text, problems are kept. */
class FileCheck {
  readonly errors: RowError[] = [];
  /** The surveys of the valid rows. */
  readonly surveys = new Set<string>();
  rows = 0;
  rejected = 0;
  fileError: string | null = null;
  constructor(private readonly options: ImportResponsesOptions) {}

  async *copyText(): AsyncGenerator<Buffer> {
    const options = this.options;
    const strict = options.strict ?? false;
    const errors = this.errors;
    const seen = new Map<string, number>();
    let header: ResponsesHeader | null = null;
    let text = "";
    try {
      for await (const rec of readCsvRecords(options.input)) {
        if (!header) {
          const h = readResponsesHeader(rec.fields);
          if ("errors" in h) {
            errors.push(...h.errors);
            this.fileError = `The header line has ${h.errors.length} problem(s); nothing was imported`;
            break;
          }
          header = h.header;
          continue;
        }
        this.rows++;
        const r = readResponseRow(header, rec.line, rec.fields, seen);
        if (!r.ok) {
          this.rejected++;
          errors.push(...r.errors);
        } else if (!(strict && errors.length > 0)) {
          // --strict: once a row is rejected nothing will be committed; the rest is still checked.
          text += copyLine(r.record);
          this.surveys.add(r.record.survey);
          if (text.length >= COPY_BATCH_BYTES) {
            yield Buffer.from(text);
            text = "";
          }
        }
        if (this.rows % 5000 === 0) options.onProgress?.(this.rows);
      }
    } catch (error) {
      const e = csvFileError(error);
      if (!e) throw error;
      errors.push(e);
      this.fileError = "The file is not valid CSV; nothing was imported";
    }
    if (!header && !this.fileError) {
      this.fileError = "The file is empty";
      errors.push({ line: 1, column: null, message: "The file is empty: expected a header line and rows (interchange.md §2)" });
    }
    if (text && !this.fileError) yield Buffer.from(text);
    options.onProgress?.(this.rows);
  }
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

const RESPONDENT_COLUMNS = `"survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason",
          "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId", "updatedAt"`;
const STAGED_VALUES = `s::"Survey", ref, v, d::date, date_trunc('month', d::date)::date, m::"SurveyMode", ro::"ClientRole", cr::"ContactReason", ab, g, e, h, sl, csa, w::float8, a::jsonb, x::jsonb,
          'IMPORT'::"RespondentSource", $1::bigint, now()`;

/** The staged rows into SurveyRespondent: one statement; a respondent imported again is replaced. An imported respondent's period is its interview month (README "Periods"). */
async function upsertFromStaging(tx: Tx, staging: string, importId: bigint): Promise<{ inserted: number; updated: number }> {
  const first = await firstLoad(tx, staging, importId);
  if (first) return first;
  const [counts] = await tx.$queryRawUnsafe<{ inserted: number; updated: number }[]>(
    `WITH up AS (
       INSERT INTO "SurveyRespondent" (${RESPONDENT_COLUMNS})
       SELECT ${STAGED_VALUES}
       FROM "${staging}"
       ON CONFLICT ("survey", "respondentRef") DO UPDATE SET
          "questionnaireVersion" = EXCLUDED."questionnaireVersion", "interviewDate" = EXCLUDED."interviewDate", "periodMonth" = EXCLUDED."periodMonth", "mode" = EXCLUDED."mode",
          "role" = EXCLUDED."role", "contactReason" = EXCLUDED."contactReason", "ageBand" = EXCLUDED."ageBand", "gender" = EXCLUDED."gender",
          "ethnicity" = EXCLUDED."ethnicity", "health" = EXCLUDED."health", "serviceLength" = EXCLUDED."serviceLength", "csaClosureLetter" = EXCLUDED."csaClosureLetter",
          "weight" = EXCLUDED."weight", "answers" = EXCLUDED."answers", "extra" = EXCLUDED."extra", "source" = EXCLUDED."source",
          "importId" = EXCLUDED."importId", "updatedAt" = now()
       RETURNING (xmax = 0) AS inserted)
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
    importId,
  );
  return counts;
}

/**
 * The first import into an empty SurveyRespondent: its secondary indexes and
 * foreign keys dropped, the rows inserted (no conflict is possible: the table is
 * empty and the check refused a respondent twice in the file), then the indexes
 * built once and the keys added again, as the catalog had them, all in the
 * import's transaction (a failure puts everything back). Maintaining four
 * indexes, a key check and the upsert's conflict test row by row cost more than
 * building them (measured on 200,000 rows, load 12: 12.6 s for the upsert, 5.1 s
 * for the insert and the builds). Null when the table holds respondents.
 */
async function firstLoad(tx: Tx, staging: string, importId: bigint): Promise<{ inserted: number; updated: number } | null> {
  const empty = async () => (await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "SurveyRespondent" LIMIT 1`)).length === 0;
  if (!(await empty())) return null;
  // Nothing else reads or writes respondents until this commits; checked again under the lock.
  await tx.$executeRawUnsafe(`LOCK TABLE "SurveyRespondent" IN ACCESS EXCLUSIVE MODE`);
  if (!(await empty())) return null;
  await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
  const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
     WHERE x.indrelid = '"SurveyRespondent"'::regclass AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY 1`,
  );
  const keys = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = '"SurveyRespondent"'::regclass AND contype = 'f' ORDER BY 1`,
  );
  for (const k of keys) await tx.$executeRawUnsafe(`ALTER TABLE "SurveyRespondent" DROP CONSTRAINT "${k.name}"`);
  for (const i of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${i.name}"`);
  const inserted = await tx.$executeRawUnsafe(`INSERT INTO "SurveyRespondent" (${RESPONDENT_COLUMNS}) SELECT ${STAGED_VALUES} FROM "${staging}"`, importId);
  for (const i of indexes) await tx.$executeRawUnsafe(i.definition);
  for (const k of keys) await tx.$executeRawUnsafe(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
  return { inserted, updated: 0 };
}
