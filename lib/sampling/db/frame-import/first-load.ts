import "server-only";
import { finished } from "node:stream/promises";
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import { STAGING_COLUMN_LIST } from "../../frame/copy";
import type { CopyBatch } from "../../frame/parallel";
import type { FrameParseSummary } from "../../frame/parse";
import type { FrameError } from "../../frame/row";
import { MonthBuckets, withIds, type MonthBlock } from "../../frame/month-buckets";
import { abandonTransaction, openPgConnection } from "../pg";
import { storeInLineOrder } from "./error-log";
import { allEmpty, indexStepName, keyConstraints, SECONDARY_INDEXES } from "./indexes";

// The first import into an empty frame (README "Import" step 4): loaded
// straight into FrameClient in contact-month blocks while the file is parsed.

type AuditEvent = AuditEventInput;

// COPY text is about 1.3 times what it was since the rows' personal values are
// written sealed, in base64 (issue 17: 482 MB against 364 MB for the 2.5M-row
// benchmark frame): the two limits below are larger than before, for the same rows.
/** A first import's COPY blocks: large enough that each page holds one month. */
const MONTH_BLOCK_BYTES = 3 << 19;
/** A first import holds at most this many bytes of rows waiting for their block to fill. */
const MAX_HELD_BYTES = 48 << 20;

export interface FirstLoad {
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
export async function startFirstLoad(lap: (step: string) => void): Promise<FirstLoad | null> {
  const pg = await openPgConnection();
  const { rows: session } = await pg.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  let open = true;
  let copy: ReturnType<typeof copyFrom> | null = null;
  const abandon = async () => {
    if (!open) return;
    open = false;
    await abandonTransaction(pg, session[0].pid, copy !== null && !copy.writableFinished);
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
    const rebuildKey =
      constraints.primary !== null &&
      (await allEmpty(
        pg,
        constraints.foreign.map((f) => f.table),
      ));
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

    const stream = pg.query(copyFrom(`COPY "FrameClient" ("id", ${STAGING_COLUMN_LIST}) FROM STDIN`));
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
              await storeInLineOrder(pg, { importId, errors: duplicates }); // kept with the refusal
              await abandon();
              return "refused";
            }
            await pg.query(indexdef);
          }
          lap(`first import: ${indexStepName(indexdef)}`);
        }
        const counted = summary();
        await pg.query(
          `UPDATE "FrameImport" SET "status" = 'COMPLETED', "finishedAt" = now() AT TIME ZONE 'UTC', "bytes" = $2, "rows" = $3,
             "inserted" = $4, "updated" = 0, "historyOnly" = 0, "rejected" = $5 WHERE "id" = $1`,
          [importId.toString(), counted.bytes, counted.rows, counted.valid, counted.rejected],
        );
        await recordAuditEvent(pg, audit({ inserted: counted.valid, updated: 0, historyOnly: 0 }));
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

/**
 * Copies the parse's batches into the frame in month blocks as they fill, while
 * the parse goes on; many months with few rows each (a file spanning years) are
 * sent before more than MAX_HELD_BYTES wait (smaller blocks, the same rows).
 */
export async function copyInMonthBlocks(first: FirstLoad, batches: AsyncIterable<CopyBatch>): Promise<void> {
  const sorted = new MonthBuckets(Infinity);
  try {
    for await (const batch of batches) {
      addToBuckets(sorted, batch);
      for (const block of sorted.takeFull(MONTH_BLOCK_BYTES)) await first.send(block);
      if (sorted.heldBytes > MAX_HELD_BYTES) for (const block of sorted.takeRest()) await first.send(block);
    }
    for (const block of sorted.takeRest()) await first.send(block);
    await first.endCopy();
  } finally {
    sorted.dispose();
  }
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
