"use client";
import { useActionState } from "react";
import { importResponsesAction, saveTargetSetAction } from "@/app/results/import/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { RowErrors } from "./RowErrors";
import { formErrors } from "@/lib/http/form-errors";
import { TextInput } from "@/components/govuk/TextInput";

function FileInput({ id, label, hint, error }: { id: string; label: string; hint: string; error?: string }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {hint}
      </div>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={id}
        name="file"
        type="file"
        accept=".csv,text/csv"
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
    </div>
  );
}

export function ImportResponsesForm() {
  const [state, action, pending] = useActionState(importResponsesAction, null);
  const { summary, fields } = formErrors(state, { fieldId: () => "responses-file" });
  const fieldError = fields["responses-file"];
  return (
    <section aria-labelledby="import-responses-heading">
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m" id="import-responses-heading">
        Import responses
      </h2>
      <p className="govuk-body">
        A CSV file with one row per respondent, as in the interchange format (section 2): respondent_ref, survey, questionnaire_version, interview_date, mode,
        role, contact_reason, optional profile and weight columns, and one column per question id. Respondents already imported (same survey and respondent_ref)
        are updated; those the file gives exactly the values they have are left as they are, and counted unchanged.
      </p>
      {state?.ok && (
        <div
          className={`govuk-notification-banner${state.data.status === "COMPLETED" ? " govuk-notification-banner--success" : ""}`}
          role="region"
          aria-labelledby="import-result-title"
          data-testid="import-result"
        >
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="import-result-title">
              {state.data.status === "COMPLETED" ? "Imported" : "Not imported"}
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {state.data.fileName}: {state.data.inserted} inserted, {state.data.updated} updated, {state.data.unchanged} unchanged, {state.data.rejected}{" "}
              rejected.
              {state.data.status === "REJECTED" && " Nothing was imported: correct the rows below and import the file again."}
            </p>
          </div>
        </div>
      )}
      {state?.ok && <RowErrors errors={state.data.errors} total={state.data.errorCount} caption="Rejected rows" />}
      <form action={action}>
        <FileInput id="responses-file" label="Responses file (CSV)" hint="UTF-8, comma separated, with a header line" error={fieldError} />
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="strict" name="strict" type="checkbox" aria-describedby="strict-hint" />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="strict">
                Strict: import nothing if any row is rejected
              </label>
              <div id="strict-hint" className="govuk-hint govuk-checkboxes__hint">
                Otherwise valid rows are imported and rejected rows are listed.
              </div>
            </div>
          </div>
        </div>
        <button type="submit" className="govuk-button" disabled={pending}>
          Import responses
        </button>
      </form>
    </section>
  );
}

export function SaveTargetSetForm() {
  const [state, action, pending] = useActionState(saveTargetSetAction, null);
  const { summary, fields: errors } = formErrors(state, { fieldId: (f) => (f === "file" ? "targets-file" : "targets-name") });
  return (
    <section aria-labelledby="targets-heading">
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m" id="targets-heading">
        Upload population targets
      </h2>
      <p className="govuk-body">
        A CSV file of variable,category,population rows (interchange format section 3). One variable (or a cross such as role*contact_reason) is used for
        post-stratification or design weights; several variables are raked to. Uploading a name again replaces its targets.
      </p>
      {state?.ok && state.data.saved && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="region" aria-labelledby="targets-result-title">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="targets-result-title">
              Saved
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              Targets &quot;{state.data.name}&quot; saved: {state.data.rows} rows.
            </p>
          </div>
        </div>
      )}
      {state?.ok && !state.data.saved && (
        <RowErrors errors={state.data.errors} total={state.data.errors.length} caption="Problems in the targets file (nothing was saved)" />
      )}
      <form action={action}>
        <TextInput
          id="targets-name"
          name="name"
          label="Name"
          labelSize="s"
          hint="For example, CES 2023-24 population"
          width="20"
          error={errors["targets-name"]}
        />
        <FileInput id="targets-file" label="Targets file (CSV)" hint="Columns variable, category, population" error={errors["targets-file"]} />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={pending}>
          Upload targets
        </button>
      </form>
    </section>
  );
}
