import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { recordAuditEvent } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { csvFileError, readCsvRecords, type RowError } from "@/lib/results/response-csv";
import { CONTACT_FIELDS, parseContactItem, type ContactRow } from "./contact-schema";
import { storeContactRows } from "./store-contacts";

// `npm run cli -- contacts import FILE` (issue 14): the same contacts as
// POST /api/contacts, as CSV with the same column names (interchange.md's CSV
// rules: header row, BOM accepted, x_ columns ignored, unknown ones refused).
// Bad rows are reported with line, column and reason; good ones are stored, in
// batches of 1,000, idempotently by contact_id.

export interface ContactImportResult {
  rows: number;
  stored: number;
  duplicates: number;
  rejected: number;
  errors: RowError[];
}

const BATCH = 1000;

export async function importContactsFile({ file, actorId, now }: { file: string; actorId: string | null; now: Date }): Promise<ContactImportResult> {
  const exists = await stat(file).catch(() => null);
  if (!exists?.isFile()) throw new AppError("FILE_NOT_FOUND", `There is no file at ${file}.`, "file");
  const result: ContactImportResult = { rows: 0, stored: 0, duplicates: 0, rejected: 0, errors: [] };
  let header: string[] | null = null;
  let pending: ContactRow[] = [];
  const flush = async () => {
    const stored = await storeContactRows({ rows: pending, apiKeyId: null, now });
    result.stored += stored;
    result.duplicates += pending.length - stored;
    pending = [];
  };
  try {
    for await (const record of readCsvRecords(createReadStream(file))) {
      if (!header) {
        header = record.fields.map((f) => f.trim().toLowerCase());
        const unknown = header.filter((h) => !(CONTACT_FIELDS as readonly string[]).includes(h) && !h.startsWith("x_"));
        const missing = CONTACT_FIELDS.filter((f) => !header!.includes(f));
        if (unknown.length || missing.length) {
          throw new AppError(
            "CONTACTS_REJECTED",
            [
              unknown.length ? `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` : "",
              missing.length ? `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` : "",
            ]
              .filter(Boolean)
              .join("; ") + ` (line 1). The columns are ${CONTACT_FIELDS.join(", ")}.`,
            "file",
          );
        }
        continue;
      }
      result.rows += 1;
      const item: Record<string, string> = {};
      header.forEach((h, i) => {
        if (!h.startsWith("x_")) item[h] = (record.fields[i] ?? "").trim();
      });
      const parsed = parseContactItem(item, now);
      if (!parsed.ok) {
        result.rejected += 1;
        for (const e of parsed.errors) result.errors.push({ line: record.line, column: e.field, message: e.reason });
        continue;
      }
      pending.push(parsed.row);
      if (pending.length >= BATCH) await flush();
    }
  } catch (error) {
    const fileError = csvFileError(error);
    if (fileError)
      throw new AppError(
        "CONTACTS_REJECTED",
        `${fileError.message} (line ${fileError.line}). Contacts in the batches before it may have been stored: importing the corrected file stores each contact once.`,
        "file",
      );
    throw error;
  }
  if (!header) throw new AppError("EMPTY", "The file is empty: it needs a header row and a row per contact.", "file");
  await flush();
  await recordAuditEvent(db(), {
    actorId,
    action: "contacts.imported",
    details: { file: path.basename(file), rows: result.rows, stored: result.stored, duplicates: result.duplicates, rejected: result.rejected },
  });
  return result;
}
