"use client";
import { useActionState } from "react";
import { breakOffAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";

/** The respondent stops: the answers so far are kept and the interview resumes at the next contact. */
export function BreakOffForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(breakOffAction, null);
  return (
    <>
      <ErrorSummary errors={state && !state.ok ? [{ message: state.message }] : []} />
      <form action={action}>
        <input type="hidden" name="caseId" value={caseId} />
        <h2 className="govuk-heading-s">If the client stops</h2>
        <p className="govuk-body">The answers so far are kept, and the interview continues from this question at the next call.</p>
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={pending}>
          Client stopped: record a break-off
        </button>
      </form>
    </>
  );
}
