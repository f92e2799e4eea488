"use server";
import { Readable } from "node:stream";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { importResponses } from "@/lib/results/db/import-responses";
import { saveTargetSet } from "@/lib/results/db/target-sets";
import { importResponsesSchema, saveTargetSetSchema } from "@/lib/results/import-schemas";
import { formDataOf } from "@/lib/http/form-data";

/** Errors shown on the page (all are stored with the import). */
const SHOWN_ERRORS = 500;

export async function importResponsesAction(_previous: unknown, form: FormData) {
  const user = await requireRole("results:view");
  return runAction(importResponsesSchema, { file: formDataOf(form).get("file"), strict: formDataOf(form).get("strict") }, async ({ file, strict }) => {
    const r = await importResponses({
      input: Readable.fromWeb(file.stream() as import("node:stream/web").ReadableStream),
      fileName: file.name,
      strict,
      actorId: user.id,
    });
    revalidatePath("/results");
    return {
      fileName: file.name,
      status: r.status,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected,
      errorCount: r.errors.length,
      errors: r.errors.slice(0, SHOWN_ERRORS),
    };
  });
}

export async function saveTargetSetAction(_previous: unknown, form: FormData) {
  const user = await requireRole("results:view");
  return runAction(saveTargetSetSchema, { name: formDataOf(form).get("name"), file: formDataOf(form).get("file") }, async ({ name, file }) => {
    const r = await saveTargetSet({ name, fileName: file.name, text: await file.text(), actorId: user.id });
    revalidatePath("/results");
    return { name, saved: r.saved, rows: r.rows, errors: r.errors.slice(0, SHOWN_ERRORS) };
  });
}
