"use client";
import { useActionState } from "react";
import { startInterviewAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";

export function StartInterviewForm({ caseId, label }: { caseId: string; label: string }) {
  const [state, action, pending] = useActionState(startInterviewAction, null);
  return (
    <>
      <ErrorSummary errors={state && !state.ok ? [{ message: state.message }] : []} />
      <form action={action}>
        <input type="hidden" name="caseId" value={caseId} />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          {label}
        </button>
      </form>
    </>
  );
}
