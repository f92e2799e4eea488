"use client";
import { useActionState } from "react";
import { changeQuotaTargetAction, quotaCellAction, setUpQuotasAction } from "@/app/supervisor/quotas/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import type { ActionResult } from "@/lib/errors";
import { QUOTA_CELL_CONFIRM } from "@/app/supervisor/quotas/confirm";
import { formErrors } from "@/lib/http/form-errors";
import { TextInput } from "@/components/govuk/TextInput";

// The supervisor's quota forms (fieldwork.md "Quotas"). Plain forms posting to
// server actions, so they work without JavaScript; the zod schemas in
// lib/cati/quota-schemas.ts check them on the server.

function Done({ state }: { state: ActionResult<string> | null }) {
  return <div aria-live="polite">{state?.ok && <p className="govuk-body govuk-!-font-weight-bold">{state.data}</p>}</div>;
}

/** Spreads a total target of completes over the sample's cells (set up, or again). */
export function QuotaSetUpForm({ sampleId, countsPartials, again }: { sampleId: string; countsPartials: boolean; again: boolean }) {
  const [state, action, pending] = useActionState(setUpQuotasAction, null);
  const { summary, fields, typed } = formErrors(state);
  const fieldError = (f: string) => fields[f];
  return (
    <>
      <ErrorSummary errors={summary} />
      <Done state={state} />
      <form action={action} noValidate key={JSON.stringify(state)}>
        <input type="hidden" name="sampleId" value={sampleId} />
        <TextInput
          id="total"
          name="total"
          label="Total target of completed interviews"
          labelSize="s"
          hint={
            again
              ? "Every cell's target is set again from this total; counts so far are kept."
              : "Spread over the cells below; you can change each cell's target afterwards."
          }
          width="5"
          inputMode="numeric"
          spellCheck={false}
          defaultValue={typed?.total}
          error={fieldError("total")}
        />
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">How to spread it</legend>
            <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="method" name="method" type="radio" value="proportional" defaultChecked={typed?.method !== "equal"} />
                <label className="govuk-label govuk-radios__label" htmlFor="method">
                  In proportion to each cell&apos;s cases
                </label>
              </div>
              <div className="govuk-radios__item">
                <input className="govuk-radios__input" id="method-equal" name="method" type="radio" value="equal" defaultChecked={typed?.method === "equal"} />
                <label className="govuk-label govuk-radios__label" htmlFor="method-equal">
                  Equally (a minimum interview target per cell)
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="countsPartials"
                name="countsPartials"
                type="checkbox"
                defaultChecked={countsPartials}
                aria-describedby="countsPartials-hint"
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="countsPartials">
                Partial interviews count toward the targets
              </label>
              <div id="countsPartials-hint" className="govuk-hint govuk-checkboxes__hint">
                A partial (1.2) answered the overall question but stopped before the end. Unticked, only completed interviews (1.1) count.
              </div>
            </div>
          </div>
        </div>
        <button type="submit" className={`govuk-button${again ? " govuk-button--secondary" : ""}`} data-module="govuk-button" disabled={pending}>
          {again ? "Set every target again" : "Set quota targets"}
        </button>
      </form>
    </>
  );
}

/** One cell's target, in its table row. */
export function QuotaTargetForm({ cellId, target, cellName }: { cellId: string; target: number; cellName: string }) {
  const [state, action, pending] = useActionState(changeQuotaTargetAction, null);
  const error = state && !state.ok ? (state.fieldErrors?.target ?? state.message) : undefined;
  const { typed } = formErrors(state);
  const id = `target-${cellId}`;
  return (
    <form action={action} noValidate className="fw-inline-form">
      <input type="hidden" name="cellId" value={cellId} />
      <div className={`govuk-form-group govuk-!-margin-bottom-0${error ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
          Target for {cellName}
        </label>
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <input
          className={`govuk-input govuk-input--width-3${error ? " govuk-input--error" : ""}`}
          id={id}
          name="target"
          inputMode="numeric"
          spellCheck={false}
          defaultValue={typed?.target ?? target}
          key={`${target}:${JSON.stringify(state)}`}
          aria-describedby={error ? `${id}-error` : undefined}
        />{" "}
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" disabled={pending}>
          Change<span className="govuk-visually-hidden"> target for {cellName}</span>
        </button>
      </div>
      {/* A target above what the cell can reach is saved, with a warning that says the numbers (issue 18). */}
      <div aria-live="polite" className={state?.ok && state.data.includes("Warning:") ? undefined : "govuk-visually-hidden"}>
        {state?.ok && state.data.includes("Warning:") ? (
          <p className="govuk-warning-text__text govuk-!-margin-top-2 govuk-!-font-size-16" data-testid="quota-target-warning">
            {state.data}
          </p>
        ) : state?.ok ? (
          state.data
        ) : (
          ""
        )}
      </div>
    </form>
  );
}

/**
 * Close a cell now (after a confirmation step: its cases stop being offered),
 * or reopen one a supervisor closed. Plain forms, so both steps work without
 * JavaScript.
 */
export function QuotaCellToggle({ cellId, closed, cellName }: { cellId: string; closed: boolean; cellName: string }) {
  const [state, action, pending] = useActionState(quotaCellAction, null);
  const confirming = !closed && state?.ok && state.data === QUOTA_CELL_CONFIRM;
  return (
    <form action={action}>
      <input type="hidden" name="cellId" value={cellId} />
      <input type="hidden" name="action" value={closed ? "reopen" : "close"} />
      {state && !state.ok && <p className="govuk-error-message">{state.message}</p>}
      {confirming ? (
        <div role="group" aria-labelledby={`confirm-${cellId}`}>
          <p className="govuk-body-s govuk-!-margin-bottom-1" id={`confirm-${cellId}`}>
            Close {cellName}? Its cases are no longer offered.
          </p>
          <div className="govuk-button-group govuk-!-margin-bottom-0">
            <button
              type="submit"
              name="confirm"
              value="yes"
              className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
              data-module="govuk-button"
              disabled={pending}
            >
              Yes, close<span className="govuk-visually-hidden"> {cellName}</span>
            </button>
            <button
              type="submit"
              name="confirm"
              value="no"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              data-module="govuk-button"
              disabled={pending}
            >
              No, keep it open
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" disabled={pending}>
          {closed ? "Reopen" : "Close cell"}
          <span className="govuk-visually-hidden"> {cellName}</span>
        </button>
      )}
    </form>
  );
}
