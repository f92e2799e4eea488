import "server-only";
import { availableParallelism } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import type { RowError } from "../response-csv";
import { parseResponseChunk, type ResponseChunkInput, type ResponseChunkResult } from "../response-chunk";
import { ResponseStream, responseChunkTask } from "../response-stream";
import type pg from "pg";
import { withPgClient } from "@/lib/sampling/db/pg";
import { laterRows } from "../duplicates";
import { mergeByLine } from "@/lib/csv-stream/line-order";
import { indexesAndKeys, startFirstLoad, type FirstLoad } from "./first-load";
import { lazyWorkerPool } from "@/lib/csv-stream/worker-pool";
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
  /** Worker threads for the parse (0: parse on this thread); default PARSE_WORKERS. */
  readonly workers?: number;
}

export interface ResponsesImportResult {
  readonly importId: string;
  readonly inserted: number;
  readonly updated: number;
  /** Respondents the file names again with exactly the values they have: left as they are. */
  readonly unchanged: number;
  readonly rejected: number;
  readonly errors: RowError[];
  readonly status: "COMPLETED" | "REJECTED";
  /**
   * Settles once a large import's surveys' respondent columns are stored for
   * results (respondent-store.ts), after the import has committed; never
   * rejects (a failure is logged: the next request reads the respondents). A
   * process about to exit (the CLI) waits for it.
   */
  readonly columnsStored: Promise<void>;
}

/** A later import this large, and at least this share of the table, rebuilds the indexes (upsertFromStaging). */
const BULK_ROWS = 100_000;
const BULK_SHARE = 0.25;

/**
 * Parse threads beside this one: the cores less two, one for this thread
 * (which reads, orders and sends the COPY text) and one for the PostgreSQL
 * backend that takes it. On these 2-core machines that is none: the parse on
 * this thread kept the backend's COPY fed, where two workers took its core
 * (bench/responses-import, 1,000,000 rows: first import 5.75 s parsing here,
 * 6.56 s with two workers; a later import's COPY into staging 3.6-3.8 s, 3.8-4.2 s).
 */
const PARSE_WORKERS = Math.max(0, availableParallelism() - 2);

/** Errors stored per import (all are returned to the caller). */
const MAX_STORED_ERRORS = 10_000;
/**
 * An import changing more respondents than this has the generation triggers log
 * "everything" (migration 20261205320000), so it stores its surveys' columns
 * (respondent-store.ts) rather than leave each new process to read them.
 */
const STORE_COLUMNS_AFTER = 10_000;

/**
 * The staging table (response-chunk.ts writes its COPY lines): the row's chunk
 * and line in it, whether it is valid (a rejected row is staged with its key
 * alone, for the duplicate check), then the row's values, typed as the
 * respondent's columns so COPY checks them once.
 */
const STAGING_COLUMNS = `chunk int, line int, ok bool, s "Survey", ref text, v text, d date, pm date, m "SurveyMode", ro "ClientRole", cr "ContactReason",
  ab text, g text, e text, h text, sl text, csa text, w float8, a json, x jsonb`;

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
    responseChunkTask(),
    parseResponseChunk,
    (input) => input.bytes.length,
    options.workers ?? PARSE_WORKERS,
  );
  let first: FirstLoad | null = null;
  try {
    // A first import is loaded straight into the table; if another import fills it first, this one stages.
    const [{ empty }] = await db().$queryRawUnsafe<{ empty: boolean }[]>(`SELECT NOT EXISTS (SELECT 1 FROM "SurveyRespondent") AS empty`);
    if (empty) first = await startFirstLoad();
    const stream = new ResponseStream(workers, options.onProgress, first ? { importId: imp.id.toString() } : null);
    const input = options.input as AsyncIterable<Uint8Array | string>;
    let duplicates: RowError[] = [];
    if (first) {
      await first.copy(stream.copyText(input));
      lap(`first import: parse + COPY into SurveyRespondent (${workers.workers} workers)`);
      if (stream.fileError === null) duplicates = await first.settleDuplicates(stream);
      lap("first import: unique index (duplicates)");
    } else {
      await withPgClient(async (pg) => {
        // UNLOGGED: no WAL for rows that live for one import; a regular table so the Prisma transaction can read it.
        await pg.query(`CREATE UNLOGGED TABLE "${staging}" (${STAGING_COLUMNS})`);
        // At most two chunks' COPY text queued ahead of PostgreSQL (memory stays flat).
        await pipeline(Readable.from(stream.copyText(input), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" FROM STDIN`)));
        lap(`parse + COPY into staging (${workers.workers} workers)`);
        if (stream.fileError === null) duplicates = await dropDuplicates(pg, staging, stream);
        lap("duplicates");
      });
    }
    await workers.close();
    const { fileError } = stream;
    const errors = duplicates.length > 0 ? mergeByLine(stream.errors, duplicates) : stream.errors;
    const rows = stream.rows;
    const commit = !fileError && !(strict && errors.length > 0);
    const outcome: Outcome = {
      status: commit ? "COMPLETED" : "REJECTED",
      rows,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: commit ? rows - stream.valid : rows,
      fileError,
      errors,
    };
    if (first && commit) {
      outcome.inserted = stream.valid;
      await first.complete(stream, (pg) => recordImport(pg, imp.id, options, outcome));
      lap("first import: indexes, keys, record + commit");
    } else {
      await first?.abandon();
      await db().$transaction(
        async (tx) => {
          if (commit) Object.assign(outcome, await upsertFromStaging(tx, staging, imp.id, stream.valid));
          lap("upsert");
          await recordImport(tx, imp.id, options, outcome);
        },
        { timeout: 600_000, maxWait: 30_000 },
      );
      lap("record + commit");
    }
    const { inserted, updated, unchanged, rejected, status } = outcome;
    // Every reader would read the changed versions again: read them once, into
    // the stored respondent columns, after the import has committed (its rows
    // are there for every reader already; until the columns are stored a
    // results request reads the respondents itself, as after any change).
    const columnsStored = inserted + updated > STORE_COLUMNS_AFTER ? storeColumnsAfter(imp.id, stream.surveys, options) : Promise.resolve();
    return { importId: imp.id.toString(), inserted, updated, unchanged, rejected, errors, status, columnsStored };
  } catch (error) {
    log.error({ err: error, importId: imp.id.toString() }, "responses import failed");
    await first?.abandon();
    await db()
      .responseImport.update({ where: { id: imp.id }, data: { status: "FAILED", finishedAt: currentTime() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await first?.abandon();
    await workers.close().catch(() => undefined);
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}

async function storeColumnsAfter(importId: bigint, surveys: Iterable<string>, options: ImportResponsesOptions): Promise<void> {
  const started = performance.now();
  const list = [...surveys];
  try {
    const { storeSurveyColumnsLater } = await import("./respondent-store");
    await storeSurveyColumnsLater(list, (survey, error) =>
      log.warn({ err: error, importId: importId.toString(), survey }, "storing the respondent columns after an import failed"),
    );
  } catch (error) {
    log.warn({ err: error, importId: importId.toString() }, "storing the respondent columns after an import failed");
  }
  options.onTiming?.("respondent columns stored (after the import committed)", (performance.now() - started) / 1000);
}

interface Outcome {
  status: "COMPLETED" | "REJECTED";
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  fileError: string | null;
  errors: RowError[];
}

/** The import's counts, its errors (the first MAX_STORED_ERRORS) and its audit event, in the transaction that imports its rows (a Prisma one, or a first import's own). */
async function recordImport(conn: Tx | pg.Client, importId: bigint, options: ImportResponsesOptions, o: Outcome): Promise<void> {
  const run = (sql: string, params: unknown[]) =>
    "query" in conn && typeof conn.query === "function" ? conn.query(sql, params) : (conn as Tx).$executeRawUnsafe(sql, ...params);
  const stored = o.errors.slice(0, MAX_STORED_ERRORS);
  if (stored.length > 0) {
    await run(
      `INSERT INTO "ResponseImportError" ("importId", "line", "column", "message") SELECT $1::bigint, e.* FROM unnest($2::int[], $3::text[], $4::text[]) AS e`,
      [importId.toString(), stored.map((e) => e.line), stored.map((e) => e.column), stored.map((e) => e.message)],
    );
  }
  await run(
    `UPDATE "ResponseImport" SET "status" = $2::"ResponseImportStatus", "finishedAt" = $3::timestamptz AT TIME ZONE 'UTC', "rows" = $4, "inserted" = $5,
       "updated" = $6, "unchanged" = $7, "rejected" = $8, "fileError" = $9 WHERE "id" = $1::bigint`,
    [importId.toString(), o.status, currentTime().toISOString(), o.rows, o.inserted, o.updated, o.unchanged, o.rejected, o.fileError],
  );
  await recordAuditEvent(conn as Tx, {
    actorId: options.actorId ?? null,
    action: "responses.imported",
    entityType: "ResponseImport",
    entityId: importId.toString(),
    details: {
      fileName: options.fileName,
      strict: options.strict ?? false,
      status: o.status,
      rows: o.rows,
      inserted: o.inserted,
      updated: o.updated,
      unchanged: o.unchanged,
      rejected: o.rejected,
    },
  });
}

/**
 * Respondents the file names more than once, found set-based in the staging
 * table (one grouped scan): duplicates.ts's rule; a later valid row is taken
 * out of the staging table and counted rejected. Errors in line order.
 */
async function dropDuplicates(pg: pg.Client, staging: string, stream: ResponseStream): Promise<RowError[]> {
  // Hashed in memory rather than spilled.
  await pg.query(`SET work_mem = '256MB'`);
  const { rows: groups } = await pg.query<{ s: string; ref: string; chunks: number[]; lines: number[]; oks: boolean[] }>(
    `SELECT s::text AS s, ref, array_agg(chunk) AS chunks, array_agg(line) AS lines, array_agg(ok) AS oks
     FROM "${staging}" GROUP BY s, ref HAVING count(*) > 1`,
  );
  const errors: RowError[] = [];
  const drop: { chunk: number; line: number }[] = [];
  for (const g of groups) {
    const rows = g.lines.map((line, i) => ({ at: stream.lineOf(g.chunks[i], line), chunk: g.chunks[i], line, ok: g.oks[i] }));
    drop.push(...laterRows(g.s, g.ref, rows, errors));
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

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

const RESPONDENT_COLUMNS = `"survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason",
          "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId", "updatedAt"`;
const STAGED_VALUES = `s, ref, v, d, pm, m, ro, cr, ab, g, e, h, sl, csa, w, a, x,
          'IMPORT'::"RespondentSource", $1::bigint, now()`;

/**
 * The columns an import replaces, and that "unchanged" compares: every one it
 * writes but the key, the import's id and updatedAt. A respondent the file
 * gives exactly these values again is not rewritten.
 */
const COMPARED_COLUMNS = [
  "questionnaireVersion",
  "interviewDate",
  "periodMonth",
  "mode",
  "role",
  "contactReason",
  "ageBand",
  "gender",
  "ethnicity",
  "health",
  "serviceLength",
  "csaClosureLetter",
  "weight",
  "answers",
  "extra",
  "source",
];
/** All but the answers, compared as values; the answers are compared as JSON (ANSWERS_DIFFER). */
const comparedIn = (table: string) =>
  `(${COMPARED_COLUMNS.filter((c) => c !== "answers")
    .map((c) => `${table}."${c}"`)
    .join(", ")})`;
/**
 * The answers (json: migration 20261207210000) differ when their JSON does. The
 * same text is the same answers, with no parse; other text (another key order,
 * other spaces: answers written before the import, or by an interview) is
 * parsed to compare.
 */
const ANSWERS_DIFFER = `("SurveyRespondent"."answers"::text <> EXCLUDED."answers"::text AND "SurveyRespondent"."answers"::jsonb IS DISTINCT FROM EXCLUDED."answers"::jsonb)`;

/**
 * The staged rows into SurveyRespondent, with one statement: a respondent
 * imported again is replaced, unless the file gives it exactly the values it
 * has; then it is left as it is (no new row version; its import and updatedAt
 * stay those of the import that last changed it) and counted unchanged.
 */
async function upsertFromStaging(tx: Tx, staging: string, importId: bigint, rows: number): Promise<{ inserted: number; updated: number; unchanged: number }> {
  // A large import (much of the table again) is faster building the secondary
  // indexes once, and checking the import's foreign key once, than
  // maintaining them row by row; the unique index stays (the upsert's key).
  // That holds the table exclusively until commit (results wait).
  const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = '"SurveyRespondent"'::regclass`,
  );
  const bulk = rows >= BULK_ROWS && rows >= n * BULK_SHARE;
  const { indexes, keys } = bulk ? await indexesAndKeys((sql) => tx.$queryRawUnsafe(sql)) : { indexes: [], keys: [] };
  const rebuilt = indexes.filter((i) => !i.definition.startsWith("CREATE UNIQUE"));
  if (bulk) {
    await tx.$executeRawUnsafe(`LOCK TABLE "SurveyRespondent" IN ACCESS EXCLUSIVE MODE`);
    await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const k of keys) await tx.$executeRawUnsafe(`ALTER TABLE "SurveyRespondent" DROP CONSTRAINT "${k.name}"`);
    for (const i of rebuilt) await tx.$executeRawUnsafe(`DROP INDEX "${i.name}"`);
  }
  const [counts] = await tx.$queryRawUnsafe<{ inserted: number; updated: number }[]>(
    `WITH up AS (
       INSERT INTO "SurveyRespondent" (${RESPONDENT_COLUMNS})
       SELECT ${STAGED_VALUES}
       FROM "${staging}" WHERE ok
       ON CONFLICT ("survey", "respondentRef") DO UPDATE SET
          ${COMPARED_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}, "importId" = EXCLUDED."importId", "updatedAt" = now()
       WHERE ${comparedIn('"SurveyRespondent"')} IS DISTINCT FROM ${comparedIn("EXCLUDED")} OR ${ANSWERS_DIFFER}
       RETURNING (xmax = 0) AS inserted)
     SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated FROM up`,
    importId,
  );
  for (const i of rebuilt) await tx.$executeRawUnsafe(i.definition);
  for (const k of keys) await tx.$executeRawUnsafe(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
  // A respondent left as it was returns no row.
  return { ...counts, unchanged: rows - counts.inserted - counts.updated };
}
