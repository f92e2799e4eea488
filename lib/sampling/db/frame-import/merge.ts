import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import { STAGING_COLUMNS, STAGING_COLUMN_LIST } from "../../frame/copy";
import type { CopyBatch } from "../../frame/parallel";
import type { FrameParseSummary } from "../../frame/parse";
import { withPgClient } from "../pg";
import { indexStepName, SECONDARY_INDEXES } from "./indexes";

// Any later import (README "Import" step 5): the rows staged with COPY while
// the file is read, then merged set-based into the frame in one transaction.

type AuditEvent = AuditEventInput;

// When to rebuild the frame's indexes rather than maintain them (see the merge).
const BULK_ROWS = 100_000;
const BULK_SHARE = 0.25;

/** The staging table `staging`, filled with the batches' COPY text as the parse gives it. */
export async function copyIntoStaging(staging: string, batches: AsyncIterable<CopyBatch>): Promise<void> {
  await withPgClient(async (pg) => {
    // UNLOGGED: no WAL for rows that live for one import. A regular table
    // rather than a TEMP one so the merge can run in a Prisma transaction.
    await pg.query(`CREATE UNLOGGED TABLE "${staging}" (LIKE "FrameClient" INCLUDING DEFAULTS)`);
    await pg.query(`ALTER TABLE "${staging}" DROP COLUMN "id", DROP COLUMN "createdAt", DROP COLUMN "updatedAt"`);
    async function* copyText(): AsyncGenerator<Buffer> {
      for await (const batch of batches) if (batch.copy.length > 0) yield Buffer.from(batch.copy.buffer, batch.copy.byteOffset, batch.copy.length);
    }
    // At most two batches queued ahead of PostgreSQL (memory stays flat).
    await pipeline(Readable.from(copyText(), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" (${STAGING_COLUMN_LIST}) FROM STDIN`)));
  });
}

/** Any later import: the staging table merged into the frame (see the top of the file). */
export async function mergeFromStaging({
  staging,
  importId,
  summary: s,
  audit,
  lap,
}: {
  /** the staging table's name */
  staging: string;
  importId: bigint;
  summary: FrameParseSummary;
  /** the audit event of the merge, from its counts */
  audit: (counts: { inserted: number; updated: number; historyOnly: number }) => AuditEvent;
  /** marks the end of a step (the benchmark's timings) */
  lap: (step: string) => void;
}): Promise<{ inserted: number; updated: number; historyOnly: number }> {
  return db()
    .$transaction(
      async (tx) => {
        // One import at a time (SHARE ROW EXCLUSIVE conflicts with itself);
        // sample draws, which only read, carry on.
        await tx.$executeRawUnsafe(`LOCK TABLE "FrameClient" IN SHARE ROW EXCLUSIVE MODE`);
        lap("merge: begin + lock");
        // The statements below are long but simple: JIT compilation costs more than it saves.
        await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
        // No ANALYZE of the staged rows (issue 16: 0.15-0.2 s for 250,000): the
        // planner sizes the table from its pages, and the join below takes the
        // same plan with or without its statistics.
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
        // 0. One join of the staged rows with the frame, kept for the three
        //    statements below (each joined the whole frame again before): every
        //    staged row with its client's id and current contact, none for a new
        //    client. Taken before the update changes those contacts.
        const matched = `${staging}_matched`;
        await tx.$executeRawUnsafe(`
        CREATE UNLOGGED TABLE "${matched}" AS
        SELECT s.*, f."id" AS frame_id, f."contactDate" AS frame_date, f."contactReason" AS frame_reason, f."role" AS frame_role
        FROM "${staging}" s
        LEFT JOIN "FrameClient" f ON f."service" = s."service" AND f."clientRef" = s."clientRef"`);
        lap("merge: match staged rows to clients");
        // 1. History. A newer (or same-day, later-filed) row replaces the client's
        //    current contact, which moves to history; an older row's contact goes
        //    straight to history. The same contact again changes nothing: a
        //    contact already in the history is left out by NOT EXISTS rather than
        //    ON CONFLICT, whose speculative insertion cost 15% more per row
        //    (issue 16). That is safe here: only this merge writes the history,
        //    one import at a time (the lock above), and each client comes once.
        await tx.$executeRawUnsafe(`
        INSERT INTO "ClientContact" ("clientId", "contactDate", "contactReason", "role", "importId")
        SELECT h."clientId", h."contactDate", h."contactReason", h."role", ${importId}
        FROM (
          SELECT m.frame_id AS "clientId",
                 CASE WHEN m."contactDate" >= m.frame_date THEN m.frame_date ELSE m."contactDate" END AS "contactDate",
                 CASE WHEN m."contactDate" >= m.frame_date THEN m.frame_reason ELSE m."contactReason" END AS "contactReason",
                 CASE WHEN m."contactDate" >= m.frame_date THEN m.frame_role ELSE m."role" END AS "role"
          FROM "${matched}" m
          WHERE m.frame_id IS NOT NULL AND (m."contactDate", m."contactReason") IS DISTINCT FROM (m.frame_date, m.frame_reason)
        ) h
        WHERE NOT EXISTS (
          SELECT 1 FROM "ClientContact" c
          WHERE c."clientId" = h."clientId" AND c."contactDate" = h."contactDate" AND c."contactReason" = h."contactReason")`);
        lap("merge: history");
        // 2. The latest contact wins: update the clients we have, add the others.
        //    (No ON CONFLICT: the table lock keeps other imports out, and the
        //    unique index may be mid-rebuild.)
        //    Unless the import replaces much of the frame, each client is found
        //    by its id (the primary key): the planner, sizing the staged rows
        //    from their pages, hashes the whole frame instead, a scan of every
        //    page of it (issue 16: 250,000 rows into a 2.5M-row frame, measured
        //    0.45 s found by id against 1.2 s hashed, 2.2 s against 4.2 s with the update).
        const byId = async (on: boolean) => {
          if (rebuild) return;
          await tx.$executeRawUnsafe(`SET LOCAL enable_hashjoin = ${on ? "off" : "on"}`);
          await tx.$executeRawUnsafe(`SET LOCAL enable_mergejoin = ${on ? "off" : "on"}`);
        };
        await byId(true);
        const updated = await tx.$executeRawUnsafe(`
        UPDATE "FrameClient" f SET
          ${STAGING_COLUMNS.filter((c) => c !== "service" && c !== "clientRef")
            .map((c) => `"${c}" = m."${c}"`)
            .join(", ")},
          "updatedAt" = now()
        FROM "${matched}" m
        WHERE f."id" = m.frame_id AND m."contactDate" >= m.frame_date`);
        await byId(false);
        lap("merge: update");
        // A large import is written in contact-date order, so a month's
        // population sits in a twelfth of the table rather than on every page
        // (the draw reads one month). Monthly extracts are in that order anyway.
        if (rebuild) await tx.$executeRawUnsafe(`SET LOCAL work_mem = '256MB'`);
        const inserted = await tx.$executeRawUnsafe(`
        INSERT INTO "FrameClient" (${STAGING_COLUMN_LIST})
        SELECT ${STAGING_COLUMNS.map((c) => `m."${c}"`).join(", ")} FROM "${matched}" m
        WHERE m.frame_id IS NULL
        ${rebuild ? `ORDER BY m."contactDate"` : ""}`);
        await tx.$executeRawUnsafe(`DROP TABLE "${matched}"`);
        lap("merge: insert");
        for (const { indexdef } of indexes) {
          await tx.$executeRawUnsafe(indexdef);
          lap(`merge: ${indexStepName(indexdef)}`);
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
    )
    .finally(() => lap("merge: commit"));
}
