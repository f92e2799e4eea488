"use client";
import { useActionState } from "react";
import { closeFollowUpAction, recordAttemptAction, revealContactDetailsAction } from "@/app/recovery/actions";
import { ErrorSummary, Radios, Textarea } from "@/components/govuk";
import { SummaryList } from "@/components/govuk/SummaryList";
import { ATTEMPT_OUTCOME_LABELS, ATTEMPT_OUTCOMES, RESOLUTION_LABELS, RESOLUTIONS } from "@/lib/feedback/follow-up-rules";
import { formErrors } from "@/lib/http/form-errors";

// The claimed follow-up's forms: plain posts (they work without JavaScript).

export function RevealContactDetails({ followUpId }: { followUpId: string }) {
  const [state, action, pending] = useActionState(revealContactDetailsAction, null);
  if (state?.ok) {
    return (
      <SummaryList
        data-testid="client-contact-details"
        rows={[
          { key: "Phone", value: state.data.phone ?? "Not known" },
          { key: "Email", value: <span className="fw-wrap-anywhere">{state.data.email ?? "Not known"}</span> },
        ]}
      />
    );
  }
  return (
    <form action={action}>
      {state && !state.ok && <p className="govuk-error-message">{state.message}</p>}
      <input type="hidden" name="followUpId" value={followUpId} />
      <p className="govuk-body">Showing the client&apos;s phone number and email is recorded in the audit log.</p>
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending}>
        Show phone number
      </button>
    </form>
  );
}

export function RecordAttemptForm({ followUpId }: { followUpId: string }) {
  const [state, action, pending] = useActionState(recordAttemptAction, null);
  const { summary, fields, typed } = formErrors(state, { prefix: "attempt-" });
  return (
    <form action={action} noValidate key={JSON.stringify(state)}>
      <ErrorSummary errors={summary} />
      <input type="hidden" name="followUpId" value={followUpId} />
      <Radios
        id="attempt-outcome"
        name="outcome"
        legend="Record an attempt"
        legendSize="m"
        options={ATTEMPT_OUTCOMES.map((o) => ({ value: o, label: ATTEMPT_OUTCOME_LABELS[o] }))}
        checked={typed?.outcome ? [typed.outcome] : []}
        error={fields["attempt-outcome"]}
      />
      <Textarea id="attempt-note" name="note" label="Note (optional)" rows={3} defaultValue={typed?.note} error={fields["attempt-note"]} />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={pending}>
        Record the attempt
      </button>
    </form>
  );
}

export function CloseFollowUpForm({ followUpId }: { followUpId: string }) {
  const [state, action, pending] = useActionState(closeFollowUpAction, null);
  const { summary, fields, typed } = formErrors(state, { prefix: "close-" });
  return (
    <form action={action} noValidate key={JSON.stringify(state)}>
      <ErrorSummary errors={summary} />
      <input type="hidden" name="followUpId" value={followUpId} />
      <Radios
        id="close-resolution"
        name="resolution"
        legend="Close the follow-up"
        legendSize="m"
        options={RESOLUTIONS.map((r) => ({ value: r, label: RESOLUTION_LABELS[r] }))}
        checked={typed?.resolution ? [typed.resolution] : []}
        error={fields["close-resolution"]}
      />
      <Textarea id="close-note" name="note" label="What was done" rows={4} defaultValue={typed?.note} error={fields["close-note"]} />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
        Close the follow-up
      </button>
    </form>
  );
}
