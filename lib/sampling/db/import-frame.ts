import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { FrameError, FrameRow } from "../frame-row";
import { parseFrame, type FrameParseSummary } from "../frame-parse";
import { withPgClient } from "./pg";

// The frame import (interchange.md §1, issue 6). The file is streamed: parsed
// and validated batch by batch (lib/sampling/frame-parse.ts) and written with
// COPY FROM STDIN into an UNLOGGED staging table, while PostgreSQL is already
// storing the previous batch. Only when the whole file has been read is the
// staging table merged into the frame, set-based and in one transaction:
//   1. contacts that stop being a client's latest move to ClientContact;
//   2. INSERT ... ON CONFLICT (service, clientRef) DO UPDATE: the latest contact wins.
// So nothing reaches the frame until the end: with `strict`, any rejected row
// means nothing is merged; without it, the valid rows are.

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

const STAGING_COLUMNS = [
  "service",
  "clientRef",
  "role",
  "contactReason",
  "contactDate",
  "englishSpeaking",
  "potentiallyViolent",
  "researchConsent",
  "hasAddress",
  "phone",
  "email",
  "doNotContact",
  "ageBand",
  "gender",
  "serviceStartDate",
  "paymentMethod",
  "csaClosureLetter",
] as const;
const COLUMN_LIST = STAGING_COLUMNS.map((c) => `"${c}"`).join(", ");

const ERROR_FLUSH = 5_000;
// When to rebuild the frame's indexes rather than maintain them (see the merge).
const BULK_ROWS = 100_000;
const BULK_SHARE = 0.25;

export async function importFrame(options: ImportFrameOptions): Promise<FrameImportResult> {
  const started = performance.now();
  const maxReturned = options.maxErrorsReturned ?? 100_000;
  const record = await db().frameImport.create({
    data: { fileName: options.fileName.slice(0, 255), strict: options.strict, byId: options.actorId },
  });
  const importId = record.id;
  options.onStart?.(importId.toString());
  const staging = `_frame_staging_${importId}`;

  const errors: FrameError[] = [];
  let errorCount = 0;
  let pendingErrors: FrameError[] = [];
  const flushErrors = async () => {
    if (pendingErrors.length === 0) return;
    const batch = pendingErrors;
    pendingErrors = [];
    await db().$executeRaw`
      INSERT INTO "FrameImportError" ("importId", "line", "column", "message")
      SELECT ${importId}, * FROM unnest(${batch.map((e) => e.line)}::int[], ${batch.map((e) => e.column)}::text[], ${batch.map((e) => e.message)}::text[])`;
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
    let summary: FrameParseSummary | undefined;
    let rowsSeen = 0;
    await withPgClient(async (pg) => {
      // UNLOGGED: no WAL for rows that live for one import. A regular table
      // rather than a TEMP one so the merge can run in a Prisma transaction.
      await pg.query(`CREATE UNLOGGED TABLE "${staging}" (LIKE "FrameClient" INCLUDING DEFAULTS)`);
      await pg.query(`ALTER TABLE "${staging}" DROP COLUMN "id", DROP COLUMN "createdAt", DROP COLUMN "updatedAt"`);
      const parse = parseFrame(options.input, {
        // Small batches: fewer rows (and the text chunks their values point into) alive at once.
        batchSize: 2_000,
        onProgress: (bytes) => options.onProgress?.({ bytes, rows: rowsSeen }),
      });
      async function* copyText(): AsyncGenerator<string> {
        let step = await parse.next();
        for (; !step.done; step = await parse.next()) {
          const { rows, errors: batchErrors } = step.value;
          rowsSeen += rows.length + batchErrors.length;
          if (batchErrors.length > 0) await noteErrors(batchErrors);
          if (rows.length > 0) yield copyLines(rows);
        }
        summary = step.value;
      }
      // At most two batches queued ahead of PostgreSQL (memory stays flat).
      await pipeline(Readable.from(copyText(), { highWaterMark: 2 }), pg.query(copyFrom(`COPY "${staging}" (${COLUMN_LIST}) FROM STDIN`)));
    });
    await flushErrors();
    if (!summary) throw new Error("the frame parser ended without a summary");
    const s: FrameParseSummary = summary;

    const base = { importId: importId.toString(), rows: s.rows, rejected: s.rejected, errors, errorCount, bytes: s.bytes };
    const refusal = s.fileError
      ? `Nothing was imported: ${s.fileError.message}.`
      : options.strict && s.rejected > 0
        ? `Nothing was imported: ${s.rejected.toLocaleString("en-GB")} row${s.rejected === 1 ? " was" : "s were"} rejected and the import was strict.`
        : null;
    if (refusal !== null) {
      await db().$transaction(async (tx) => {
        await tx.frameImport.update({
          where: { id: importId },
          data: { status: "REJECTED", finishedAt: new Date(), bytes: s.bytes, rows: s.rows, rejected: s.rejected, fileError: s.fileError?.message ?? refusal },
        });
        await recordAuditEvent(tx, {
          actorId: options.actorId,
          action: "frame.import_rejected",
          entityType: "FrameImport",
          entityId: importId.toString(),
          details: { fileName: options.fileName, rows: s.rows, rejected: s.rejected, strict: options.strict },
        });
      });
      return { ...base, status: "REJECTED", inserted: 0, updated: 0, historyOnly: 0, message: refusal, seconds: (performance.now() - started) / 1000 };
    }

    const counts = await db().$transaction(
      async (tx) => {
        // One import at a time (SHARE ROW EXCLUSIVE conflicts with itself);
        // sample draws, which only read, carry on.
        await tx.$executeRawUnsafe(`LOCK TABLE "FrameClient" IN SHARE ROW EXCLUSIVE MODE`);
        await tx.$executeRawUnsafe(`ANALYZE "${staging}"`);
        // A large import (the first, or one that replaces much of the frame)
        // is several times faster building the frame's secondary indexes once
        // than updating them row by row. That takes an exclusive lock for the
        // merge, so draws wait for it; the indexes are rebuilt before commit.
        const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>(
          `SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = '"FrameClient"'::regclass`,
        );
        const rebuild = s.valid >= BULK_ROWS && s.valid >= n * BULK_SHARE;
        const indexes = rebuild
          ? await tx.$queryRawUnsafe<{ indexname: string; indexdef: string }[]>(
              `SELECT i.indexname, i.indexdef FROM pg_indexes i
               JOIN pg_class c ON c.relname = i.indexname
               JOIN pg_index x ON x.indexrelid = c.oid
               WHERE i.schemaname = current_schema() AND i.tablename = 'FrameClient' AND NOT x.indisprimary`,
            )
          : [];
        if (rebuild) {
          await tx.$executeRawUnsafe(`LOCK TABLE "FrameClient" IN ACCESS EXCLUSIVE MODE`);
          await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
          for (const { indexname } of indexes) await tx.$executeRawUnsafe(`DROP INDEX "${indexname}"`);
        }
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
        // A large import is written in contact-date order, so a month's
        // population sits in a twelfth of the table rather than on every page
        // (the draw reads one month). Monthly extracts are in that order anyway.
        if (rebuild) await tx.$executeRawUnsafe(`SET LOCAL work_mem = '256MB'`);
        const inserted = await tx.$executeRawUnsafe(`
          INSERT INTO "FrameClient" (${COLUMN_LIST})
          SELECT ${STAGING_COLUMNS.map((c) => `s."${c}"`).join(", ")} FROM "${staging}" s
          WHERE NOT EXISTS (SELECT 1 FROM "FrameClient" f WHERE f."service" = s."service" AND f."clientRef" = s."clientRef")
          ${rebuild ? `ORDER BY s."contactDate"` : ""}`);
        for (const { indexdef } of indexes) await tx.$executeRawUnsafe(indexdef);
        const historyOnly = s.valid - inserted - updated;
        await tx.frameImport.update({
          where: { id: importId },
          data: { status: "COMPLETED", finishedAt: new Date(), bytes: s.bytes, rows: s.rows, inserted, updated, historyOnly, rejected: s.rejected },
        });
        await recordAuditEvent(tx, {
          actorId: options.actorId,
          action: "frame.imported",
          entityType: "FrameImport",
          entityId: importId.toString(),
          details: { fileName: options.fileName, rows: s.rows, inserted, updated, historyOnly, rejected: s.rejected, strict: options.strict },
        });
        return { inserted, updated, historyOnly };
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
    return { ...base, status: "COMPLETED", ...counts, message: null, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await db()
      .frameImport.update({ where: { id: importId }, data: { status: "FAILED", finishedAt: new Date() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}

// COPY text format: tab-separated, \N for null, backslash escapes.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const text = (v: string | null): string =>
  v === null ? "\\N" : NEEDS_ESCAPE.test(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;
const bool = (v: boolean | null): string => (v === null ? "\\N" : v ? "t" : "f");

function copyLines(rows: readonly FrameRow[]): string {
  let out = "";
  for (const r of rows) {
    out +=
      r.service + "\t" + r.clientRef + "\t" + r.role + "\t" + r.contactReason + "\t" + r.contactDate + "\t" +
      bool(r.englishSpeaking) + "\t" + bool(r.potentiallyViolent) + "\t" + bool(r.researchConsent) + "\t" + bool(r.hasAddress) + "\t" +
      text(r.phone) + "\t" + text(r.email) + "\t" + bool(r.doNotContact) + "\t" + text(r.ageBand) + "\t" + text(r.gender) + "\t" +
      text(r.serviceStartDate) + "\t" + text(r.paymentMethod) + "\t" + bool(r.csaClosureLetter) + "\n";
  }
  return out;
}
