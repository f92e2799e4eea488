"use client";
import { useActionState } from "react";
import { breakOffAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { formErrors } from "@/lib/http/form-errors";
import { AppointmentFields } from "./AppointmentFields";

/**
 * The respondent stops: the answers so far are kept and the interview resumes at
 * the next contact, or at the time the client agreed (issue 18), booked as an
 * appointment with this interviewer.
 */
export function BreakOffForm({ caseId }: { caseId: string }) {
  const [state, action, pending] = useActionState(breakOffAction, null);
  const { summary, fields } = formErrors(state);
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={action} noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <h2 className="govuk-heading-s">If the client stops</h2>
        <p className="govuk-body">The answers so far are kept, and the interview continues from this question at the next call.</p>
        <AppointmentFields
          dateError={fields.appointmentAt}
          timeError={fields.appointmentTime}
          dateLegend="Date to carry on (optional)"
          timeLabel="Time to carry on (optional)"
          dateHint="If the client agreed a time to carry on, it is booked as your appointment. For example, 27 11 2026."
        />
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button" disabled={pending}>
          Client stopped: record a break-off
        </button>
      </form>
    </>
  );
}
