"use client";
import { useActionState } from "react";
import { saveSamplingSettingsAction } from "@/app/samples/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { formErrors } from "@/lib/http/form-errors";
import type { SamplingSettingsInput } from "@/lib/sampling/schemas";
import { Checkbox } from "./Checkbox";

/** The sampling settings: a plain form (works without JavaScript). */
export function SamplingSettingsForm({ current }: { current: SamplingSettingsInput }) {
  const [state, action, pending] = useActionState(saveSamplingSettingsAction, null);
  const { summary } = formErrors(state);
  const shown = state?.ok ? state.data : current;
  return (
    <>
      <ErrorSummary errors={summary} />
      <div aria-live="polite">{state?.ok && <p className="govuk-body govuk-!-font-weight-bold">Settings saved.</p>}</div>
      <form action={action} noValidate key={String(shown.drawRestrictedToSupervisors)}>
        <Checkbox
          id="drawRestrictedToSupervisors"
          name="drawRestrictedToSupervisors"
          label="Only supervisors may draw samples"
          hint="Interviewers draw the monthly samples unless this is ticked."
          defaultChecked={shown.drawRestrictedToSupervisors}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Save settings
        </button>
      </form>
    </>
  );
}
