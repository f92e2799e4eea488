import "server-only";
import type { Readable } from "node:stream";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { csvFileError, readCsvRecords, type RowError } from "../response-csv";
import { readResponseRow, readResponsesHeader, type RespondentRecord, type ResponsesHeader } from "../response-row";
import { currentTime } from "@/lib/clock";

// `responses import FILE [--strict]` (interchange.md §2, §4) and the upload page.
// The file is streamed and checked row by row; valid rows are then upserted on
// (survey, respondent_ref) in one transaction with the import's counts, so a
// failed import leaves nothing behind. --strict: any row error commits nothing.

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

/** Rows per INSERT ... ON CONFLICT statement. */
const BATCH = 1000;
/** Errors stored per import (all are returned to the caller). */
const MAX_STORED_ERRORS = 10_000;

export async function importResponses(options: ImportResponsesOptions): Promise<ResponsesImportResult> {
  const strict = options.strict ?? false;
  const imp = await db().responseImport.create({ data: { fileName: options.fileName, strict, byId: options.actorId ?? null } });
  try {
    const { records, errors, rows, rejected, fileError } = await checkFile(options);
    const commit = !fileError && !(strict && errors.length > 0);
    let inserted = 0;
    let updated = 0;
    const status = commit ? "COMPLETED" : "REJECTED";
    await db().$transaction(
      async (tx) => {
        if (commit) {
          for (let i = 0; i < records.length; i += BATCH) {
            const r = await upsertBatch(tx, records.slice(i, i + BATCH), imp.id);
            inserted += r.inserted;
            updated += r.updated;
          }
        }
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
    return { importId: imp.id.toString(), inserted, updated, rejected: commit ? rejected : rows, errors, status };
  } catch (error) {
    log.error({ err: error, importId: imp.id.toString() }, "responses import failed");
    await db().responseImport.update({ where: { id: imp.id }, data: { status: "FAILED", finishedAt: currentTime() } }).catch(() => undefined);
    throw error;
  }
}

async function checkFile(options: ImportResponsesOptions) {
  const records: RespondentRecord[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  let header: ResponsesHeader | null = null;
  let rows = 0;
  let rejected = 0;
  let fileError: string | null = null;
  try {
    for await (const rec of readCsvRecords(options.input)) {
      if (!header) {
        const h = readResponsesHeader(rec.fields);
        if ("errors" in h) {
          errors.push(...h.errors);
          fileError = `The header line has ${h.errors.length} problem(s); nothing was imported`;
          break;
        }
        header = h.header;
        continue;
      }
      rows++;
      const r = readResponseRow(header, rec.line, rec.fields, seen);
      if (r.ok) records.push(r.record);
      else {
        rejected++;
        errors.push(...r.errors);
      }
      if (rows % 5000 === 0) options.onProgress?.(rows);
    }
  } catch (error) {
    const e = csvFileError(error);
    if (!e) throw error;
    errors.push(e);
    fileError = "The file is not valid CSV; nothing was imported";
  }
  if (!header && !fileError) {
    fileError = "The file is empty";
    errors.push({ line: 1, column: null, message: "The file is empty: expected a header line and rows (interchange.md §2)" });
  }
  options.onProgress?.(rows);
  return { records, errors, rows, rejected, fileError };
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

async function upsertBatch(tx: Tx, batch: readonly RespondentRecord[], importId: bigint): Promise<{ inserted: number; updated: number }> {
  const col = <T>(f: (r: RespondentRecord) => T) => batch.map(f);
  const result = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(
    `INSERT INTO "SurveyRespondent" ("survey", "respondentRef", "questionnaireVersion", "interviewDate", "mode", "role", "contactReason",
        "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId", "updatedAt")
     SELECT s::"Survey", ref, v, d::date, m::"SurveyMode", ro::"ClientRole", cr::"ContactReason", ab, g, e, h, sl, csa, w::float8, a::jsonb, x::jsonb,
        'IMPORT'::"RespondentSource", $17::bigint, now()
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
        $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[]) AS u(s, ref, v, d, m, ro, cr, ab, g, e, h, sl, csa, w, a, x)
     ON CONFLICT ("survey", "respondentRef") DO UPDATE SET
        "questionnaireVersion" = EXCLUDED."questionnaireVersion", "interviewDate" = EXCLUDED."interviewDate", "mode" = EXCLUDED."mode",
        "role" = EXCLUDED."role", "contactReason" = EXCLUDED."contactReason", "ageBand" = EXCLUDED."ageBand", "gender" = EXCLUDED."gender",
        "ethnicity" = EXCLUDED."ethnicity", "health" = EXCLUDED."health", "serviceLength" = EXCLUDED."serviceLength", "csaClosureLetter" = EXCLUDED."csaClosureLetter",
        "weight" = EXCLUDED."weight", "answers" = EXCLUDED."answers", "extra" = EXCLUDED."extra", "source" = EXCLUDED."source",
        "importId" = EXCLUDED."importId", "updatedAt" = now()
     RETURNING (xmax = 0) AS inserted`,
    col((r) => r.survey),
    col((r) => r.respondentRef),
    col((r) => r.questionnaireVersion),
    col((r) => r.interviewDate),
    col((r) => r.mode),
    col((r) => r.role),
    col((r) => r.contactReason),
    col((r) => r.profile.age_band ?? null),
    col((r) => r.profile.gender ?? null),
    col((r) => r.profile.ethnicity ?? null),
    col((r) => r.profile.health ?? null),
    col((r) => r.profile.service_length ?? null),
    col((r) => r.profile.csa_closure_letter ?? null),
    col((r) => (r.weight === null ? null : String(r.weight))),
    col((r) => JSON.stringify(r.answers)),
    col((r) => (r.extra ? JSON.stringify(r.extra) : null)),
    importId,
  );
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted };
}
