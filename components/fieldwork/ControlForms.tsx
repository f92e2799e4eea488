"use client";
import { useActionState } from "react";
import { reassignAppointmentAction, releaseCaseAction, setEligibilityShareAction } from "@/app/supervisor/fieldwork/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import type { ActionResult } from "@/lib/errors";
import { TextInput } from "@/components/govuk/TextInput";

// The control room's forms: plain forms posting to server actions (they work
// without JavaScript); the zod schemas beside the operations check them.

function Result({ state }: { state: ActionResult<string> | null }) {
  return (
    <span aria-live="polite" className="govuk-body-s">
      {state?.ok && <strong>{state.data}</strong>}
      {state && !state.ok && (
        <span className="govuk-error-message govuk-!-margin-bottom-0">
          {state.message === "Check the answers you gave" ? Object.values(state.fieldErrors ?? {})[0] : state.message}
        </span>
      )}
    </span>
  );
}

export function ReleaseCaseForm({ caseId, who }: { caseId: string; who: string }) {
  const [state, action, pending] = useActionState(releaseCaseAction, null);
  return (
    <form action={action} className="govuk-!-margin-bottom-0">
      <input type="hidden" name="caseId" value={caseId} />
      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-1" data-module="govuk-button" disabled={pending}>
        Release<span className="govuk-visually-hidden"> the case {who} holds</span>
      </button>{" "}
      <Result state={state} />
    </form>
  );
}

export function ReassignAppointmentForm({
  caseId,
  current,
  choices,
  label,
}: {
  caseId: string;
  current: string | null;
  choices: { id: string; name: string }[];
  label: string;
}) {
  const [state, action, pending] = useActionState(reassignAppointmentAction, null);
  const id = `interviewer-${caseId}`;
  return (
    <form action={action} className="govuk-!-margin-bottom-0">
      <input type="hidden" name="caseId" value={caseId} />
      <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
        Give the appointment {label} to
      </label>
      <select className="govuk-select govuk-!-font-size-16" id={id} name="interviewerId" defaultValue={current ?? "anyone"}>
        <option value="anyone">Anyone</option>
        {choices.map((c) => (
          <option value={c.id} key={c.id}>
            {c.name}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" disabled={pending}>
        Reassign<span className="govuk-visually-hidden"> the appointment {label}</span>
      </button>{" "}
      <Result state={state} />
    </form>
  );
}

export function EligibilityShareForm({ sampleId, current }: { sampleId: string; current: number | null }) {
  const [state, action, pending] = useActionState(setEligibilityShareAction, null);
  const error = state && !state.ok ? (state.fieldErrors?.e ?? state.message) : undefined;
  return (
    <>
      <ErrorSummary errors={error ? [{ field: "e", message: error }] : []} />
      <form action={action} noValidate>
        <input type="hidden" name="sampleId" value={sampleId} />
        <TextInput
          id="e"
          name="e"
          label="e for this sample"
          labelSize="s"
          hint="The share of cases of unknown eligibility (UH, UO) taken to be eligible, between 0 and 1. Leave empty to use the default estimate."
          width="5"
          inputMode="decimal"
          spellCheck={false}
          defaultValue={current ?? ""}
          error={error}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Save e
        </button>{" "}
        {state?.ok && (
          <span aria-live="polite" className="govuk-body">
            <strong>{state.data}</strong>
          </span>
        )}
      </form>
    </>
  );
}
