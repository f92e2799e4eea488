import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import type { RowError } from "../response-csv";
import { parseResponseChunk, type ResponseChunkInput, type ResponseChunkResult } from "../response-chunk";
import { ResponseStream } from "../response-stream";
import { withPgClient } from "@/lib/sampling/db/pg";
import { lazyWorkerPool, taskSource } from "@/lib/csv-stream/worker-pool";
import { currentTime } from "@/lib/clock";

// `responses import FILE [--strict]` (interchange.md §2, §4) and the upload page.
// The file is streamed: cut into chunks that worker threads parse and check
// (response-stream.ts, as the frame import parses), each chunk's rows COPY'd
// into an unlogged staging table as they come. PostgreSQL then finds the
// respondents the file names twice (one grouped scan of the staging table),
// and the rows are upserted on (survey, respondent_ref) with one statement in
// the transaction that records the import's counts, so a failed import leaves
// nothing behind. --strict: any row error commits nothing.

export interface ImportResponsesOptions {
  readonly input: Readable | AsyncIterable<string | Buffer>;
  readonly fileName: string;
  readonly strict?: boolean;
  readonly actorId?: string | null;
  readonly onProgress?: (rows: number) => void;
  /** Seconds each step took (the benchmark's "where the time goes"). */
  readonly onTiming?: (step: string, seconds: number) => void;
  /** Worker threads for the parse; default 2 (0: parse on this thread). */
  readonly workers?: number;
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
 * The staging table (response-chunk.ts writes its COPY lines): the row's chunk
 * and line in it, whether it is valid (a rejected row is staged with its key
 * alone, for the duplicate check), then the row's values, typed as the
 * respondent's columns so COPY checks them once.
 */
const STAGING_COLUMNS = `chunk int, line int, ok bool, s "Survey", ref text, v text, d date, m "SurveyMode", ro "ClientRole", cr "ContactReason",
  ab text, g text, e text, h text, sl text, csa text, w float8, a jsonb, x jsonb`;

const parseTask = () => ({ source: taskSource(import.meta.url, "../response-chunk.ts", "lib/results/response-chunk.ts"), name: "parseResponseChunk" });

export async function importResponses(options: ImportResponsesOptions): Promise<ResponsesImportResult> {
  const strict = options.strict ?? false;
  let mark = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    options.onTiming?.(step, (now - mark) / 1000);
    mark = now;
  };
  const imp = await db().responseImport.create({ data: { fileName: options.fileName, strict, byId: options.actorId ?? null } });
  const staging = `response_import_${imp.id}`;
  // Workers start once the file proves big enough to be worth them.
  const workers = lazyWorkerPool<[ResponseChunkInput], ResponseChunkResult>(
    parseTask(),
    parseResponseChunk,
    (input) => input.bytes.length,
    options.workers ?? 2,
  );
  try {
    const stream = new ResponseStream(workers, options.onProgress);
    let duplicates: RowError[] = [];
    await withPgClient(async (pg) => {
      // UNLOGGED: no WAL for rows that live for one import; a regular table so the Prisma transaction can read it.
      await pg.query(`CREATE UNLOGGED TABLE "${staging}" (${STAGING_COLUMNS})`);
      const input = options.input as AsyncIterable<Uint8Array | string>;
      // At most two chunks' COPY text queued ahead of PostgreSQL (memory stays flat).
      await pipeline(Readable.from(stream.copyText(input), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" FROM STDIN`)));
      lap(`parse + COPY into staging (${workers.workers} workers)`);
      if (stream.fileError === null) duplicates = await dropDuplicates(pg, staging, stream);
      lap("duplicates");
    });
    await workers.close();
    const { fileError } = stream;
    const errors = duplicates.length > 0 ? mergeByLine(stream.errors, duplicates) : stream.errors;
    const rows = stream.rows;
    const rejected = rows - stream.valid;
    const commit = !fileError && !(strict && errors.length > 0);
    let inserted = 0;
    let updated = 0;
    const status = commit ? "COMPLETED" : "REJECTED";
    await db().$transaction(
      async (tx) => {
        if (commit) ({ inserted, updated } = await upsertFromStaging(tx, staging, imp.id));
        lap("upsert");
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
    lap("record + commit");
    return { importId: imp.id.toString(), inserted, updated, rejected: commit ? rejected : rows, errors, status };
  } catch (error) {
    log.error({ err: error, importId: imp.id.toString() }, "responses import failed");
    await db()
      .responseImport.update({ where: { id: imp.id }, data: { status: "FAILED", finishedAt: currentTime() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await workers.close().catch(() => undefined);
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}

/**
 * Respondents the file names more than once (the same survey and
 * respondent_ref), found set-based in the staging table: the first row in the
 * file stands (valid or not), each later one is an error naming the first's
 * line, and a later valid row is taken out of the staging table and counted
 * rejected. Errors in line order.
 */
async function dropDuplicates(pg: import("pg").Client, staging: string, stream: ResponseStream): Promise<RowError[]> {
  // One grouped pass over the staged keys, hashed in memory rather than spilled.
  await pg.query(`SET work_mem = '256MB'`);
  const { rows: groups } = await pg.query<{ s: string; ref: string; chunks: number[]; lines: number[]; oks: boolean[] }>(
    `SELECT s::text AS s, ref, array_agg(chunk) AS chunks, array_agg(line) AS lines, array_agg(ok) AS oks
     FROM "${staging}" GROUP BY s, ref HAVING count(*) > 1`,
  );
  const errors: RowError[] = [];
  const drop: { chunk: number; line: number }[] = [];
  for (const g of groups) {
    const rows = g.lines.map((line, i) => ({ at: stream.lineOf(g.chunks[i], line), chunk: g.chunks[i], line, ok: g.oks[i] })).sort((a, b) => a.at - b.at);
    for (const r of rows.slice(1)) {
      errors.push({ line: r.at, column: "respondent_ref", message: `Duplicate respondent_ref ${g.ref} for ${g.s}: already on line ${rows[0].at}` });
      if (r.ok) drop.push(r);
    }
  }
  if (drop.length > 0) {
    await pg.query(`DELETE FROM "${staging}" t USING unnest($1::int[], $2::int[]) AS d(chunk, line) WHERE t.chunk = d.chunk AND t.line = d.line`, [
      drop.map((d) => d.chunk),
      drop.map((d) => d.line),
    ]);
    stream.valid -= drop.length;
  }
  return errors.sort((a, b) => a.line - b.line);
}

/** Two lists each in line order, as one (stable: a's first on the same line). */
function mergeByLine(a: RowError[], b: RowError[]): RowError[] {
  const out: RowError[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].line <= b[j].line)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

const RESPONDENT_COLUMNS = `"survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason",
          "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId", "updatedAt"`;
const STAGED_VALUES = `s, ref, v, d, date_trunc('month', d)::date, m, ro, cr, ab, g, e, h, sl, csa, w, a, x,
          'IMPORT'::"RespondentSource", $1::bigint, now()`;

/** The staged rows into SurveyRespondent: one statement; a respondent imported again is replaced. An imported respondent's period is its interview month (README "Periods"). */
async function upsertFromStaging(tx: Tx, staging: string, importId: bigint): Promise<{ inserted: number; updated: number }> {
  const first = await firstLoad(tx, staging, importId);
  if (first) return first;
  const [counts] = await tx.$queryRawUnsafe<{ inserted: number; updated: number }[]>(
    `WITH up AS (
       INSERT INTO "SurveyRespondent" (${RESPONDENT_COLUMNS})
       SELECT ${STAGED_VALUES}
       FROM "${staging}" WHERE ok
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
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO "SurveyRespondent" (${RESPONDENT_COLUMNS}) SELECT ${STAGED_VALUES} FROM "${staging}" WHERE ok`,
    importId,
  );
  for (const i of indexes) await tx.$executeRawUnsafe(i.definition);
  for (const k of keys) await tx.$executeRawUnsafe(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
  return { inserted, updated: 0 };
}
