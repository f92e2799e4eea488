"use client";
import { useActionState } from "react";
import { takeNextCaseAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { formErrors } from "@/lib/http/form-errors";

interface Props {
  samples: { id: string; label: string }[];
  /** the sample chosen last time (kept in the page address) */
  sampleId?: string;
}

/** One button for the most urgent due case; it has focus on arrival, so Enter takes the next case. */
export function NextCaseForm({ samples, sampleId }: Props) {
  const [state, action, pending] = useActionState(takeNextCaseAction, null);
  const { summary, fields } = formErrors(state);
  const fieldError = fields.sampleId;
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={action} noValidate>
        <div className={`govuk-form-group${fieldError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="sampleId">
            Sample to work
          </label>
          <div id="sampleId-hint" className="govuk-hint">
            Leave as &ldquo;Any sample&rdquo; unless your supervisor has asked you to work one sample.
          </div>
          <select className="govuk-select" id="sampleId" name="sampleId" defaultValue={sampleId ?? ""} aria-describedby="sampleId-hint">
            <option value="">Any sample</option>
            {samples.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--start" data-module="govuk-button" disabled={pending} autoFocus>
          Take next case
        </button>
      </form>
    </>
  );
}
