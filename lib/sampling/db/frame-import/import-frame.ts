import "server-only";
import { currentDataKey } from "@/lib/privacy/crypto/keys";
import type pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record";
import { currentTime } from "@/lib/clock";
import { db } from "@/lib/db/client";
import type { CopyBatch } from "../../frame/parallel";
import { parseFrameToCopy } from "../../frame/parallel";
import type { FrameParseSummary } from "../../frame/parse";
import type { FrameError } from "../../frame/row";
import { lazyChunkWorkers } from "../../frame/workers";
import { FrameErrorLog, storable } from "./error-log";
import { copyInMonthBlocks, startFirstLoad, type FirstLoad } from "./first-load";
import { copyIntoStaging, mergeFromStaging } from "./merge";

// The frame import (interchange.md §1, issue 6). The file is streamed: cut into
// chunks that worker threads parse and check (lib/sampling/frame/parallel.ts),
// each giving its valid rows as COPY text. Nothing is committed until the
// whole file has been read: with `strict`, any rejected row means nothing is
// imported; without it, the valid rows are.
//
// The steps, a first import's and a later one's, are listed once, in
// lib/sampling/db/README.md "Import". Each has a file of its own: the first
// load (first-load.ts), the staging and merge of a later import (merge.ts), the
// error log (error-log.ts) and the frame's keys and indexes from the catalog
// (indexes.ts). This file runs the steps and decides the outcome.

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
  // A first import's open transaction (see startFirstLoad).
  let first: FirstLoad | null = null;
  const log = new FrameErrorLog(importId, maxReturned);

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
      sealKey: await currentDataKey(),
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
          if (step.value.errors.length > 0) await log.note(step.value.errors);
          yield step.value;
        }
        summary = step.value;
      } finally {
        // Stopped early (an error on this side): close the parse, its input and its chunks in flight.
        if (!step.done) await parse.return(undefined as never).catch(() => undefined);
      }
    }
    if (first) {
      await copyInMonthBlocks(first, batches());
      lap(`parse + COPY into FrameClient in month blocks (${workers.workers} workers)`);
    } else {
      await copyIntoStaging(staging, batches());
      lap(`parse + COPY into staging (${workers.workers} workers)`);
    }
    await log.flush();
    await workers.close();
    if (!summary) throw new Error("the frame parser ended without a summary");
    let s: FrameParseSummary = summary;
    const finish = (result: Omit<FrameImportResult, "importId" | "rows" | "rejected" | "errors" | "errorCount" | "bytes" | "seconds">): FrameImportResult => ({
      importId: importId.toString(),
      rows: s.rows,
      rejected: s.rejected,
      errors: log.errors,
      errorCount: log.count,
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
          data: {
            status: "REJECTED",
            finishedAt: currentTime(),
            bytes: s.bytes,
            rows: s.rows,
            rejected: s.rejected,
            fileError: storable(s.fileError?.message ?? refusal),
          },
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
      await log.addInLineOrder(pg, duplicates);
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
    const counts = await mergeFromStaging({ staging, importId, summary: s, audit, lap });
    return finish({ status: "COMPLETED", ...counts, message: null });
  } catch (error) {
    await db()
      .frameImport.update({ where: { id: importId }, data: { status: "FAILED", finishedAt: currentTime() } })
      .catch(() => undefined);
    throw error;
  } finally {
    await first?.abandon();
    await log.close();
    await workers.close().catch(() => undefined);
    await db()
      .$executeRawUnsafe(`DROP TABLE IF EXISTS "${staging}"`)
      .catch(() => undefined);
  }
}
