"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorSummary, type SummaryError } from "@/components/ErrorSummary";
import { frameUploadSchema } from "@/lib/sampling/schemas";
import { Checkbox } from "./Checkbox";
import { ImportErrorsTable, type ImportErrorRow } from "./ImportErrorsTable";
import { formatDateTime, formatNumber, importName } from "@/lib/format";

// The file is the request body, sent with XMLHttpRequest for its upload
// progress; the server checks and stages rows while the upload runs, then
// merges them into the frame.
const uploadFormSchema = frameUploadSchema.pick({ strict: true }).extend({
  file: z.custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length === 1, { error: "Choose a CSV file to upload" }),
});
type UploadForm = z.input<typeof uploadFormSchema>;

interface ImportResult {
  importId: string;
  status: "COMPLETED" | "REJECTED";
  rows: number;
  inserted: number;
  updated: number;
  historyOnly: number;
  rejected: number;
  message: string | null;
  errors: ImportErrorRow[];
  errorCount: number;
  /** an earlier import of the identical file (issue 18) */
  seenBefore: { importId: string; fileName: string; startedAt: string } | null;
}

type Phase = { step: "idle" } | { step: "uploading"; percent: number } | { step: "merging" };

/**
 * Without JavaScript the form posts the file as multipart to the same route,
 * which redirects to the import's page (or back here with `uploadError`).
 */
export function FrameUploadForm({ uploadError }: { uploadError?: string }) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [result, setResult] = useState<ImportResult | null>(null);
  const [formError, setFormError] = useState<string>();
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<UploadForm>({ shouldFocusError: false, resolver: zodResolver(uploadFormSchema), defaultValues: { strict: false } });
  const { errors } = form.formState;
  const busy = phase.step !== "idle";

  function onSubmit(values: UploadForm) {
    const file = (values.file as FileList)[0];
    setFormError(undefined);
    setResult(null);
    setPhase({ step: "uploading", percent: 0 });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/frame/imports?strict=${values.strict ? "1" : "0"}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ step: "uploading", percent: Math.floor((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setPhase({ step: "merging" });
    xhr.onerror = () => {
      setPhase({ step: "idle" });
      setFormError("The upload stopped. Check your connection and try again.");
    };
    xhr.onload = () => {
      setPhase({ step: "idle" });
      let body: (ImportResult & { error?: { message: string } }) | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200 && body && !body.error) {
        setResult(body);
        router.refresh();
      } else {
        setFormError(body?.error?.message ?? `The import failed (HTTP ${xhr.status}). Try again, and if it keeps happening tell an administrator.`);
      }
    };
    xhr.send(file);
  }

  const fileError = errors.file?.message ?? (result || formError ? undefined : uploadError);
  const summary: SummaryError[] = [...(formError ? [{ message: formError }] : []), ...(fileError ? [{ field: "file", message: fileError }] : [])];
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action="/api/frame/imports" method="post" encType="multipart/form-data" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="file">
            Frame file (CSV)
          </label>
          <div id="file-hint" className="govuk-hint">
            The admin extract with one row per client: client_ref, service, role, contact_reason, contact_date and the flags.
          </div>
          {fileError && (
            <p id="file-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {fileError}
            </p>
          )}
          <input
            className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
            id="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`file-hint${fileError ? " file-error" : ""}`}
            {...form.register("file")}
          />
        </div>
        <Checkbox
          id="strict"
          label="Strict: import nothing if any row is rejected"
          hint="Without this, valid rows are imported and rejected rows are listed."
          registration={form.register("strict")}
        />
        <button type="submit" className="govuk-button" disabled={busy}>
          Upload and import
        </button>
      </form>

      <div aria-live="polite">
        {phase.step === "uploading" && (
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="upload-progress">
              Uploading and checking rows: {phase.percent}%
            </label>
            <progress id="upload-progress" max={100} value={phase.percent} style={{ width: "100%" }} />
          </div>
        )}
        {phase.step === "merging" && <p className="govuk-body">Upload complete. Adding the rows to the frame…</p>}
      </div>

      {result && (
        <div data-testid="import-result">
          {result.seenBefore && <SeenBefore earlier={result.seenBefore} />}
          {result.status === "COMPLETED" ? (
            // Rows rejected: a warning, not "Success" (issue 18).
            <div
              className={`govuk-notification-banner${result.rejected === 0 ? " govuk-notification-banner--success" : ""}`}
              role="region"
              aria-labelledby="import-done-title"
            >
              <div className="govuk-notification-banner__header">
                <h2 className="govuk-notification-banner__title" id="import-done-title">
                  {result.rejected === 0 ? "Success" : "Important"}
                </h2>
              </div>
              <div className="govuk-notification-banner__content">
                <p className="govuk-notification-banner__heading">
                  {result.rejected === 0
                    ? "Frame imported"
                    : `Frame imported, but ${formatNumber(result.rejected)} ${result.rejected === 1 ? "row was" : "rows were"} rejected`}
                  : {formatNumber(result.inserted)} new clients, {formatNumber(result.updated)} updated, {formatNumber(result.rejected)} rows rejected
                </p>
                {result.rejected > 0 && (
                  <p className="govuk-body">
                    The rejected rows are listed below. Correct them in the file and upload it again: rows already imported are updated, not added twice.
                  </p>
                )}
                {result.historyOnly > 0 && (
                  <p className="govuk-body">{formatNumber(result.historyOnly)} rows held an older contact and were kept as contact history.</p>
                )}
              </div>
            </div>
          ) : (
            <div className="govuk-inset-text">
              <h2 className="govuk-heading-m">Nothing was imported</h2>
              <p className="govuk-body">{result.message}</p>
            </div>
          )}
          <ImportErrorsTable errors={result.errors} total={result.errorCount} downloadHref={`/api/frame/imports/${result.importId}/errors`} />
        </div>
      )}
    </>
  );
}

/** The identical file was imported before (its SHA-256 matched). */
export function SeenBefore({ earlier }: { earlier: { importId: string; fileName: string; startedAt: string | Date } }) {
  return (
    <div className="govuk-warning-text" data-testid="seen-before">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        This file is identical to {importName({ id: earlier.importId, fileName: earlier.fileName })}, imported {formatDateTime(new Date(earlier.startedAt))} (
        <a className="govuk-link" href={`/frame/imports/${earlier.importId}`}>
          import {earlier.importId}
        </a>
        ). Check it is not last month&apos;s extract again.
      </strong>
    </div>
  );
}
