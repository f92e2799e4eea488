import "server-only";
import { Readable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { once } from "node:events";
import pg from "pg";
import { databaseUrl } from "@/lib/env";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { FrameError } from "../../frame/row";
import type { FrameParseSummary } from "../../frame/parse";
import { STAGING_COLUMNS } from "../../frame/copy";
import { parseFrameToCopy, type CopyBatch } from "../../frame/parallel";
import { lazyChunkWorkers } from "../../frame/workers";
import { MonthBuckets, withIds, type MonthBlock } from "../../frame/month-buckets";
import { withPgClient } from "../pg";
import { currentTime } from "@/lib/clock";

// The frame import (interchange.md §1, issue 6). The file is streamed: cut into
// chunks that worker threads parse and check (lib/sampling/frame/parallel.ts),
// each giving its valid rows as COPY text. Nothing is committed until the
// whole file has been read: with `strict`, any rejected row means nothing is
// imported; without it, the valid rows are.
//
// - A first import (the frame is empty): one transaction, opened before the
//   file is read, locks the frame and drops its keys and indexes; the rows are
//   grouped by contact month while parsing (lib/sampling/frame/month-buckets.ts) and
//   copied straight into FrameClient in month blocks as they fill, with ids
//   numbered from its sequence; keys and indexes are built once at the end
//   (startFirstLoad).
// - Otherwise the rows go into an UNLOGGED staging table with COPY FROM STDIN
//   while the file is read, and are merged set-based in one transaction:
//     1. contacts that stop being a client's latest move to ClientContact;
//     2. existing clients are updated (the latest contact wins), new ones added.

export interface ImportFrameOptions {
  input: AsyncIterable<Uint8Array | string>;
  fileName: string;
  strict: boolean;
  /** Who imports it (null from the command line). */
  actorId: string | null;
  /** Bytes and data rows read so far. */
  onProgress?: (progress: { bytes: number; rows: number }) => void;
  /** Called once the import's record exists (the web page polls it). */
  onStart?: (importId: string) => void;
  /** Errors kept in the result (all are stored with the import); default 100,000. */
  maxErrorsReturned?: number;
  /** Seconds each step took (the benchmark's "where the time goes"). */
  onTiming?: (step: string, seconds: number) => void;
  /** Worker threads for the parse; default 2 (0: parse on this thread). */
  workers?: number;
}

export interface FrameImportResult {
  importId: string;
  status: "COMPLETED" | "REJECTED";
  /** Data rows in the file. */
  rows: number;
  inserted: number;
  updated: number;
  /** Valid rows with a contact older than the client's latest: added to the history only. */
  historyOnly: number;
  rejected: number;
  /** The reason nothing was imported, when nothing was. */
  message: string | null;
  /** Every rejected row's problems, up to maxErrorsReturned (errorCount has them all). */
  errors: FrameError[];
  errorCount: number;
  bytes: number;
  seconds: number;
}

const COLUMN_LIST = STAGING_COLUMNS.map((c) => `"${c}"`).join(", ");

const ERROR_FLUSH = 5_000;
// When to rebuild the frame's indexes rather than maintain them (see the merge).
const BULK_ROWS = 100_000;
const BULK_SHARE = 0.25;
const DEFAULT_WORKERS = 2;


export async function importFrame(options: ImportFrameOptions): Promise<FrameImportResult> {
  const started = performance.now();
  let mark = started;
  const lap = (step: string) => {
    const now = performance.now();
    options.onTiming?.(step, (now - mark) / 1000);
    mark = now;
  };
  const maxReturned = options.maxErrorsReturned ?? 100_000;
  // Workers start once the file proves big enough to be worth them.
  const workers = lazyChunkWorkers(options.workers ?? DEFAULT_WORKERS);
  const record = await db().frameImport.create({
    data: { fileName: storable(options.fileName).slice(0, 255), strict: options.strict, byId: options.actorId },
  });
  const importId = record.id;
  options.onStart?.(importId.toString());
  const staging = `_frame_staging_${importId}`;
  let buckets: MonthBuckets | null = null;
  // A first import's open transaction (see startFirstLoad).
  let first: FirstLoad | null = null;

  const errors: FrameError[] = [];
  let errorCount = 0;
  let pendingErrors: FrameError[] = [];
  // Errors are written on a connection of their own, not Prisma's pool: a first
  // import holds the frame's locks meanwhile, and pool connections waiting on
  // them must not keep its errors from being written.
  let errorsPg: pg.Client | null = null;
  const flushErrors = async () => {
    if (pendingErrors.length === 0) return;
    const batch = pendingErrors;
    pendingErrors = [];
    if (errorsPg === null) {
      const client = new PgConnection({ connectionString: databaseUrl() });
      client.on("error", () => undefined);
      errorsPg = client;
      await client.connect();
    }
    await errorsPg.query(
      `INSERT INTO "FrameImportError" ("importId", "line", "column", "message")
       SELECT $1::bigint, * FROM unnest($2::int[], $3::text[], $4::text[])`,
      [importId.toString(), batch.map((e) => e.line), batch.map((e) => storable(e.column)), batch.map((e) => storable(e.message))],
    );
  };
  const noteErrors = async (batch: FrameError[]) => {
    for (const e of batch) {
      errorCount++;
      if (errors.length < maxReturned) errors.push(e);
      pendingErrors.push(e);
    }
    if (pendingErrors.length >= ERROR_FLUSH) await flushErrors();
  };

  try {
    // A first import is loaded straight into the frame (see startFirstLoad);
    // if another import fills the frame before it takes the lock, this one merges.
    const [{ empty }] = await db().$queryRawUnsafe<{ empty: boolean }[]>(`SELECT NOT EXISTS (SELECT 1 FROM "FrameClient") AS empty`);
    lap("start");

    // A first import loads the rows into the frame while the file is read.
    if (empty) first = await startFirstLoad(lap);
    let summary: FrameParseSummary | undefined;
    let rowsSeen = 0;
    const parse = parseFrameToCopy(options.input, {
      runner: workers,
      groupByMonth: first !== null,
      // A first import finds duplicate client_refs in the database (see
      // dropLoadedDuplicates), unless it is strict: a strict refusal must list
      // them with the other rejected rows, and it is decided before the keys are built.
      checkDuplicates: first === null || options.strict,
      onProgress: (bytes) => options.onProgress?.({ bytes, rows: rowsSeen }),
    });
    async function* batches(): AsyncGenerator<CopyBatch> {
      let step = await parse.next();
      try {
        for (; !step.done; step = await parse.next()) {
          rowsSeen += step.value.rows;
          if (step.value.errors.length > 0) await noteErrors(step.value.errors);
          yield step.value;
        }
        summary = step.value;
      } finally {
        // Stopped early (an error on this side): close the parse, its input and its chunks in flight.
        if (!step.done) await parse.return(undefined as never).catch(() => undefined);
      }
    }
    if (first) {
      // Month blocks go to PostgreSQL as they fill, while the parse goes on.
      const sorted = new MonthBuckets(Infinity);
      buckets = sorted;
      for await (const batch of batches()) {
        addToBuckets(sorted, batch);
        for (const block of sorted.takeFull(MONTH_BLOCK_BYTES)) await first.send(block);
        // Many months with few rows each (a file spanning years): send them all
        // rather than hold more than this (smaller blocks, the same rows).
        if (sorted.heldBytes > MAX_HELD_BYTES) for (const block of sorted.takeRest()) await first.send(block);
      }
      for (const block of sorted.takeRest()) await first.send(block);
      await first.endCopy();
      lap(`parse + COPY into FrameClient in month blocks (${workers.workers} workers)`);
    } else {
      await withPgClient(async (pg) => {
        await createStaging(pg, staging);
        async function* copyText(): AsyncGenerator<Buffer> {
          for await (const batch of batches()) if (batch.copy.length > 0) yield Buffer.from(batch.copy.buffer, batch.copy.byteOffset, batch.copy.length);
        }
        // At most two batches queued ahead of PostgreSQL (memory stays flat).
        await pipeline(Readable.from(copyText(), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" (${COLUMN_LIST}) FROM STDIN`)));
      });
      lap(`parse + COPY into staging (${workers.workers} workers)`);
    }
    await flushErrors();
    await workers.close();
    if (!summary) throw new Error("the frame parser ended without a summary");
    let s: FrameParseSummary = summary;
    const finish = (result: Omit<FrameImportResult, "importId" | "rows" | "rejected" | "errors" | "errorCount" | "bytes" | "seconds">): FrameImportResult => ({
      importId: importId.toString(),
      rows: s.rows,
      rejected: s.rejected,
      errors,
      errorCount,
      bytes: s.bytes,
      ...result,
      seconds: (performance.now() - started) / 1000,
    });
    const reject = async (refusal: string): Promise<FrameImportResult> => {
      // Nothing was imported, so every row read was rejected: the summary accounts for each (issue 12).
      s = { ...s, valid: 0, rejected: s.rows };
      await db().$transaction(async (tx) => {
        await tx.frameImport.update({
          where: { id: importId },
          data: { status: "REJECTED", finishedAt: currentTime(), bytes: s.bytes, rows: s.rows, rejected: s.rejected, fileError: storable(s.fileError?.message ?? refusal) },
        });
        await recordAuditEvent(tx, {
          actorId: options.actorId,
          action: "frame.import_rejected",
          entityType: "FrameImport",
          entityId: importId.toString(),
          details: { fileName: options.fileName, rows: s.rows, rejected: s.rejected, strict: options.strict },
        });
      });
      return finish({ status: "REJECTED", inserted: 0, updated: 0, historyOnly: 0, message: refusal });
    };
    const strictRefusal = () =>
      options.strict && s.rejected > 0
        ? `Nothing was imported: ${s.rejected.toLocaleString("en-GB")} row${s.rejected === 1 ? " has problems" : "s have problems"} and the import was strict, so ${s.rows === 1 ? "the 1 row was" : `all ${s.rows.toLocaleString("en-GB")} rows were`} rejected.`
        : null;
    /** Duplicates found in the database: stored and reported with the other errors, in line order. */
    const noteDuplicates = async (pg: pg.Client, duplicates: FrameError[]) => {
      if (duplicates.length === 0) return;
      s = { ...s, valid: s.valid - duplicates.length, rejected: s.rejected + duplicates.length };
      errorCount += duplicates.length;
      errors.push(...duplicates);
      errors.sort((a, b) => a.line - b.line); // stable: a line's own errors stay in their order
      errors.length = Math.min(errors.length, maxReturned);
      await storeInLineOrder(pg, importId, duplicates);
    };

    const refusal = s.fileError ? `Nothing was imported: ${s.fileError.message}.` : strictRefusal();
    if (refusal !== null) {
      await first?.abandon();
      return await reject(refusal);
    }

    const audit = (counts: { inserted: number; updated: number; historyOnly: number }) => ({
      actorId: options.actorId,
      action: "frame.imported",
      entityType: "FrameImport",
      entityId: importId.toString(),
      details: { fileName: options.fileName, rows: s.rows, ...counts, rejected: s.rejected, strict: options.strict },
    });
    if (first) {
      const loaded = await first.complete(importId, () => s, noteDuplicates, strictRefusal, audit);
      if (loaded === "loaded") return finish({ status: "COMPLETED", inserted: s.valid, updated: 0, historyOnly: 0, message: null });
      return await reject(strictRefusal()!);
    }
    const counts = await mergeFromStaging(staging, importId, s, audit, lap);
    return finish({ status: "COMPLETED", ...counts, message: null });
  } catch (error) {
    await db()
      .frameImport.update({ where: { id: importId }, data: { status: "FAILED", finishedAt: currentTime() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await first?.abandon();
    await (errorsPg as pg.Client | null)?.end().catch(() => undefined);
    buckets?.dispose();
    await workers.close().catch(() => undefined);
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}

/**
 * Text as PostgreSQL can store it: it refuses a NUL in text (the parse never
 * puts one in a message; this keeps a slip from failing the import).
 */
function storable<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(/\u0000/g, "\\0")) as T;
}

function addToBuckets(buckets: MonthBuckets, batch: CopyBatch): void {
  const { copy, groups } = batch;
  for (let i = 0; i < batch.months.length; i++) buckets.addLine(batch.months[i], batch.lines[i]);
  if (groups) {
    for (let g = 0; g < groups.length; g += 3) buckets.add(groups[g], copy.subarray(groups[g + 1], groups[g + 2]));
  } else {
    for (let i = 0; i < batch.months.length; i++) buckets.add(batch.months[i], copy.subarray(batch.starts[i], batch.ends[i]));
  }
}

async function createStaging(pg: pg.Client, staging: string): Promise<void> {
  // UNLOGGED: no WAL for rows that live for one import. A regular table
  // rather than a TEMP one so the merge can run in a Prisma transaction.
  await pg.query(`CREATE UNLOGGED TABLE "${staging}" (LIKE "FrameClient" INCLUDING DEFAULTS)`);
  await pg.query(`ALTER TABLE "${staging}" DROP COLUMN "id", DROP COLUMN "createdAt", DROP COLUMN "updatedAt"`);
}

type AuditEvent = Parameters<typeof recordAuditEvent>[1];

/** The frame's secondary indexes (dropped for a bulk load and built again from these). */
const SECONDARY_INDEXES = `
  SELECT i.indexname, i.indexdef FROM pg_indexes i
  JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname)
  JOIN pg_index x ON x.indexrelid = c.oid
  WHERE i.schemaname = current_schema() AND i.tablename = 'FrameClient' AND NOT x.indisprimary`;

const duplicateMessage = (ref: string, service: string, first: number) =>
  `client_ref: '${ref}' already appears for ${service} on line ${first}; each client may appear once per file`;

/**
 * A first import's rows named the same client more than once: as parseFrame
 * would, keep each client's first row in the file (lines: each row's file line
 * by id - first) and drop the others, as errors.
 */
async function dropLoadedDuplicates(pg: pg.Client, lines: Int32Array, first: number): Promise<FrameError[]> {
  const { rows } = await pg.query<{ service: string; ref: string; ids: string[] }>(
    `SELECT "service"::text AS service, "clientRef" AS ref, array_agg("id"::text) AS ids FROM "FrameClient"
     GROUP BY "service", "clientRef" HAVING count(*) > 1`,
  );
  const duplicates: FrameError[] = [];
  const drop: string[] = [];
  for (const { service, ref, ids } of rows) {
    const byLine = ids.map((id) => ({ id, line: lines[Number(id) - first] })).sort((a, b) => a.line - b.line);
    for (const { id, line } of byLine.slice(1)) {
      duplicates.push({ line, column: "client_ref", message: duplicateMessage(ref, service, byLine[0].line) });
      drop.push(id);
    }
  }
  await pg.query(`DELETE FROM "FrameClient" WHERE "id" = ANY($1::bigint[])`, [drop]);
  return duplicates.sort((a, b) => a.line - b.line);
}

/**
 * Adds errors found after the others were stored, keeping the stored errors
 * in line order by id (the error download reads them by id).
 */
async function storeInLineOrder(pg: pg.Client, importId: bigint, added: FrameError[]): Promise<void> {
  await pg.query(
    `WITH old AS (DELETE FROM "FrameImportError" WHERE "importId" = $1 RETURNING "id", "line", "column", "message")
     INSERT INTO "FrameImportError" ("importId", "line", "column", "message")
     SELECT $1, "line", "column", "message" FROM (
       SELECT "line", "column", "message", "id" AS o FROM old
       UNION ALL SELECT * , 0 FROM unnest($2::int[], $3::text[], $4::text[])
     ) e ORDER BY "line", o`,
    [importId.toString(), added.map((e) => e.line), added.map((e) => storable(e.column)), added.map((e) => storable(e.message))],
  );
}

/** FrameClient's primary key and the foreign keys that reference it, as the catalog has them. */
async function keyConstraints(pg: pg.Client): Promise<{
  primary: { name: string; definition: string } | null;
  foreign: { name: string; table: string; definition: string }[];
}> {
  const { rows } = await pg.query<{ name: string; table: string; definition: string; type: string }>(
    `SELECT conname AS name, conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition, contype AS type
     FROM pg_constraint
     WHERE (conrelid = '"FrameClient"'::regclass AND contype = 'p') OR (confrelid = '"FrameClient"'::regclass AND contype = 'f')
     ORDER BY conname`,
  );
  const primary = rows.find((r) => r.type === "p");
  return {
    primary: primary ? { name: primary.name, definition: primary.definition } : null,
    foreign: rows.filter((r) => r.type === "f").map(({ name, table, definition }) => ({ name, table, definition })),
  };
}

async function allEmpty(pg: pg.Client, tables: string[]): Promise<boolean> {
  for (const table of new Set(tables)) {
    const { rows } = await pg.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

const PgConnection = pg.Client;

/** A first import's COPY blocks: large enough that each page holds one month. */
const MONTH_BLOCK_BYTES = 1 << 20;
/** A first import holds at most this many bytes of rows waiting for their block to fill. */
const MAX_HELD_BYTES = 32 << 20;

interface FirstLoad {
  /** Copies one month block (its rows get the next ids). */
  send(block: MonthBlock): Promise<void>;
  endCopy(): Promise<void>;
  /** Builds the keys and indexes, drops the file's repeated clients, records the import and commits. */
  complete(
    importId: bigint,
    summary: () => FrameParseSummary,
    noteDuplicates: (pg: pg.Client, duplicates: FrameError[]) => Promise<void>,
    strictRefusal: () => string | null,
    audit: (counts: { inserted: number; updated: number; historyOnly: number }) => AuditEvent,
  ): Promise<"loaded" | "refused">;
  /** Rolls back and closes (idempotent; nothing of the import stays). */
  abandon(): Promise<void>;
}

/**
 * The first import: the frame is empty, so there is nothing to merge with. One
 * transaction, holding the frame exclusively from before the file is read
 * (draws wait): drop the indexes and keys, then COPY the rows while the file is
 * still being parsed, in blocks of one contact month (MonthBuckets.takeFull:
 * each page holds one month's clients, so the draw reads a twelfth of the
 * frame for a month), with ids numbered here from the frame's sequence; at the
 * end build the keys and indexes once and record the import. Null, changing
 * nothing, when the frame is not empty after all (another import got there
 * first): the caller stages and merges.
 */
async function startFirstLoad(lap: (step: string) => void): Promise<FirstLoad | null> {
  const pg = new PgConnection({ connectionString: databaseUrl() });
  // A lost connection rejects the query in progress; without a listener it would also crash the process.
  pg.on("error", () => undefined);
  await pg.connect();
  let open = true;
  let copy: ReturnType<typeof copyFrom> | null = null;
  const abandon = async () => {
    if (!open) return;
    open = false;
    if (copy !== null && !copy.writableFinished) {
      // A COPY never ended would hold the ROLLBACK (and the locks) forever:
      // close the connection instead; PostgreSQL rolls back and releases them.
      (pg as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      await Promise.race([pg.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
      return;
    }
    await pg.query("ROLLBACK").catch(() => undefined);
    await pg.end().catch(() => undefined);
  };
  try {
    await pg.query("BEGIN");
    await pg.query(`LOCK TABLE "FrameClient" IN ACCESS EXCLUSIVE MODE`);
    const { rows: any } = await pg.query(`SELECT 1 FROM "FrameClient" LIMIT 1`);
    if (any.length > 0) {
      await abandon();
      return null;
    }
    // Building an index sorts in memory up to this; the frame's largest sorts ~150 MB.
    await pg.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const { rows: indexes } = await pg.query<{ indexname: string; indexdef: string }>(SECONDARY_INDEXES);
    for (const { indexname } of indexes) await pg.query(`DROP INDEX "${indexname}"`);
    // The primary key too, built again after the rows (maintaining it row by
    // row costs ~1 µs a row, building it ~0.3). It takes the foreign keys
    // that reference the frame with it; those tables must be empty (nothing
    // can point into an empty frame but a row with no client), and the keys
    // are added again, as they were, before commit.
    const constraints = await keyConstraints(pg);
    const rebuildKey = constraints.primary !== null && (await allEmpty(pg, constraints.foreign.map((f) => f.table)));
    if (rebuildKey) await pg.query(`ALTER TABLE "FrameClient" DROP CONSTRAINT "${constraints.primary!.name}" CASCADE`);
    // Ids from the frame's own sequence, numbered here rather than one
    // nextval() a row (measured: ~0.7 µs a row); the sequence is moved past
    // them at the end. Nothing else inserts clients while the table is locked;
    // a rollback leaves a gap, as nextval would.
    const { rows: seq } = await pg.query<{ first: string }>(`SELECT nextval(pg_get_serial_sequence('"FrameClient"', 'id'))::text AS first`);
    const firstId = Number(seq[0].first);
    let nextId = firstId;
    // Each row's file line by id - firstId (for the duplicates).
    let lines = new Int32Array(1 << 16);
    lap("first import: lock, drop indexes and keys");

    const stream = pg.query(copyFrom(`COPY "FrameClient" ("id", ${COLUMN_LIST}) FROM STDIN`));
    copy = stream;
    const copied = finished(stream);
    copied.catch(() => undefined); // awaited in endCopy and on a failed write
    async function* one(block: Uint8Array) {
      yield block;
    }
    return {
      async send(block) {
        for await (const piece of withIds(one(block.copy), nextId)) {
          let ready: boolean;
          try {
            ready = stream.write(piece);
          } catch (error) {
            // After PostgreSQL ended the COPY with an error the stream throws its own; report PostgreSQL's.
            await copied;
            throw error;
          }
          if (!ready) await once(stream, "drain");
        }
        const n = nextId - firstId;
        if (n + block.lines.length > lines.length) {
          const grown = new Int32Array(Math.max(lines.length * 2, n + block.lines.length));
          grown.set(lines.subarray(0, n));
          lines = grown;
        }
        lines.set(block.lines, n);
        nextId += block.lines.length;
      },
      async endCopy() {
        stream.end();
        await copied;
        if (nextId > firstId) await pg.query(`SELECT setval(pg_get_serial_sequence('"FrameClient"', 'id'), $1::bigint)`, [nextId - 1]);
      },
      async complete(importId, summary, noteDuplicates, strictRefusal, audit) {
        if (rebuildKey) {
          await pg.query(`ALTER TABLE "FrameClient" ADD CONSTRAINT "${constraints.primary!.name}" ${constraints.primary!.definition}`);
          for (const f of constraints.foreign) await pg.query(`ALTER TABLE ${f.table} ADD CONSTRAINT "${f.name}" ${f.definition}`);
          lap("first import: primary key (and the foreign keys to it)");
        }
        // The unique index last, so that if the file named a client twice (not
        // checked while parsing, see the parse) the other indexes are not built
        // twice: it fails, the later rows go, and it is built again.
        indexes.sort((a, b) => Number(a.indexdef.startsWith("CREATE UNIQUE")) - Number(b.indexdef.startsWith("CREATE UNIQUE")));
        for (const { indexdef } of indexes) {
          const unique = indexdef.startsWith("CREATE UNIQUE");
          if (unique) await pg.query("SAVEPOINT unique_index");
          try {
            await pg.query(indexdef);
          } catch (error) {
            if (!unique || (error as { code?: string }).code !== "23505") throw error;
            await pg.query("ROLLBACK TO SAVEPOINT unique_index");
            const duplicates = await dropLoadedDuplicates(pg, lines, firstId);
            await noteDuplicates(pg, duplicates);
            if (strictRefusal() !== null) {
              await pg.query("ROLLBACK");
              await storeInLineOrder(pg, importId, duplicates); // kept with the refusal
              await abandon();
              return "refused";
            }
            await pg.query(indexdef);
          }
          lap(`first import: ${indexdef.replace(/ ON .*/, "").replace(/^CREATE /, "")}`);
        }
        const counted = summary();
        await pg.query(
          `UPDATE "FrameImport" SET "status" = 'COMPLETED', "finishedAt" = now() AT TIME ZONE 'UTC', "bytes" = $2, "rows" = $3,
             "inserted" = $4, "updated" = 0, "historyOnly" = 0, "rejected" = $5 WHERE "id" = $1`,
          [importId.toString(), counted.bytes, counted.rows, counted.valid, counted.rejected],
        );
        const event = audit({ inserted: counted.valid, updated: 0, historyOnly: 0 });
        // As recordAuditEvent (lib/audit/record.ts) writes it, on this connection's transaction.
        await pg.query(
          `INSERT INTO "AuditEvent" ("at", "actorId", "action", "entityType", "entityId", "details")
           VALUES (now() AT TIME ZONE 'UTC', $1, $2, $3, $4, $5::jsonb)`,
          [event.actorId, event.action, event.entityType ?? null, event.entityId ?? null, JSON.stringify(event.details ?? null)],
        );
        await pg.query("COMMIT");
        open = false;
        await pg.end().catch(() => undefined);
        lap("first import: record + audit, commit");
        return "loaded";
      },
      abandon,
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}

/** Any later import: the staging table merged into the frame (see the top of the file). */
async function mergeFromStaging(
  staging: string,
  importId: bigint,
  s: FrameParseSummary,
  audit: (counts: { inserted: number; updated: number; historyOnly: number }) => AuditEvent,
  lap: (step: string) => void,
): Promise<{ inserted: number; updated: number; historyOnly: number }> {
  return db().$transaction(
    async (tx) => {
      // One import at a time (SHARE ROW EXCLUSIVE conflicts with itself);
      // sample draws, which only read, carry on.
      await tx.$executeRawUnsafe(`LOCK TABLE "FrameClient" IN SHARE ROW EXCLUSIVE MODE`);
      lap("merge: begin + lock");
      await tx.$executeRawUnsafe(`ANALYZE "${staging}"`);
      lap("merge: ANALYZE staging");
      // A large import (one that replaces much of the frame) is several times
      // faster building the frame's secondary indexes once than updating them
      // row by row. That takes an exclusive lock for the merge, so draws wait
      // for it; the indexes are rebuilt before commit.
      const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
        `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = '"FrameClient"'::regclass`,
      );
      const rebuild = s.valid >= BULK_ROWS && s.valid >= n * BULK_SHARE;
      const indexes = rebuild ? await tx.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(SECONDARY_INDEXES) : [];
      if (rebuild) {
        await tx.$executeRawUnsafe(`LOCK TABLE "FrameClient" IN ACCESS EXCLUSIVE MODE`);
        await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
        for (const { indexname } of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${indexname}"`);
      }
      lap("merge: drop indexes");
      // 1. History. A newer (or same-day, later-filed) row replaces the client's
      //    current contact, which moves to history; an older row's contact goes
      //    straight to history. The same contact again changes nothing.
      await tx.$executeRawUnsafe(`
        INSERT INTO "ClientContact" ("clientId", "contactDate", "contactReason", "role", "importId")
        SELECT f."id",
               CASE WHEN s."contactDate" >= f."contactDate" THEN f."contactDate" ELSE s."contactDate" END,
               CASE WHEN s."contactDate" >= f."contactDate" THEN f."contactReason" ELSE s."contactReason" END,
               CASE WHEN s."contactDate" >= f."contactDate" THEN f."role" ELSE s."role" END,
               ${importId}
        FROM "${staging}" s
        JOIN "FrameClient" f ON f."service" = s."service" AND f."clientRef" = s."clientRef"
        WHERE (s."contactDate", s."contactReason") IS DISTINCT FROM (f."contactDate", f."contactReason")
        ON CONFLICT ("clientId", "contactDate", "contactReason") DO NOTHING`);
      lap("merge: history");
      // 2. The latest contact wins: update the clients we have, add the others.
      //    (No ON CONFLICT: the table lock keeps other imports out, and the
      //    unique index may be mid-rebuild.)
      const updated = await tx.$executeRawUnsafe(`
        UPDATE "FrameClient" f SET
          ${STAGING_COLUMNS.filter((c) => c !== "service" && c !== "clientRef")
            .map((c) => `"${c}" = s."${c}"`)
            .join(", ")},
          "updatedAt" = now()
        FROM "${staging}" s
        WHERE f."service" = s."service" AND f."clientRef" = s."clientRef" AND s."contactDate" >= f."contactDate"`);
      lap("merge: update");
      // A large import is written in contact-date order, so a month's
      // population sits in a twelfth of the table rather than on every page
      // (the draw reads one month). Monthly extracts are in that order anyway.
      if (rebuild) await tx.$executeRawUnsafe(`SET LOCAL work_mem = '256MB'`);
      const inserted = await tx.$executeRawUnsafe(`
        INSERT INTO "FrameClient" (${COLUMN_LIST})
        SELECT ${STAGING_COLUMNS.map((c) => `s."${c}"`).join(", ")} FROM "${staging}" s
        WHERE NOT EXISTS (SELECT 1 FROM "FrameClient" f WHERE f."service" = s."service" AND f."clientRef" = s."clientRef")
        ${rebuild ? `ORDER BY s."contactDate"` : ""}`);
      lap("merge: insert");
      for (const { indexdef } of indexes) {
        await tx.$executeRawUnsafe(indexdef);
        lap(`merge: ${indexdef.replace(/ ON .*/, "").replace(/^CREATE /, "")}`);
      }
      const historyOnly = s.valid - inserted - updated;
      await tx.frameImport.update({
        where: { id: importId },
        data: { status: "COMPLETED", finishedAt: currentTime(), bytes: s.bytes, rows: s.rows, inserted, updated, historyOnly, rejected: s.rejected },
      });
      await recordAuditEvent(tx, audit({ inserted, updated, historyOnly }));
      lap("merge: record + audit");
      return { inserted, updated, historyOnly };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  ).finally(() => lap("merge: commit"));
}
