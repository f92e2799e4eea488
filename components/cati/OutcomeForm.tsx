"use client";
import { useActionState } from "react";
import { recordOutcomeAction } from "@/app/interviewer/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { OUTCOMES } from "@/lib/cati";
import { MANUAL_OUTCOMES } from "@/lib/cati/action-schemas";
import { formErrors } from "@/lib/http/form-errors";
import { AppointmentFields } from "./AppointmentFields";

interface Props {
  caseId: string;
  /** false once the case has its maximum of messages left */
  mayLeaveMessage: boolean;
  hasInterview: boolean;
}

/** The outcome of this call (fieldwork.md outcome list); the appointment time only for an agreed appointment. */
export function OutcomeForm({ caseId, mayLeaveMessage, hasInterview }: Props) {
  const [state, action, pending] = useActionState(recordOutcomeAction, null);
  const { summary: errors, fields: fe } = formErrors(state);
  const outcomes = MANUAL_OUTCOMES.filter(
    (o) => (o !== "ANSWERING_MACHINE_MESSAGE_LEFT" || mayLeaveMessage) && (o !== "INTERVIEW_STARTED_STOPPED" || hasInterview),
  );
  const dateError = fe.appointmentAt;
  const timeError = fe.appointmentTime;
  return (
    <>
      <ErrorSummary errors={errors} />
      <form action={action} noValidate>
        <input type="hidden" name="caseId" value={caseId} />
        <div className={`govuk-form-group${fe.outcome ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={fe.outcome ? "outcome-error" : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Outcome of this call</h2>
            </legend>
            {fe.outcome && (
              <p id="outcome-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {fe.outcome}
              </p>
            )}
            <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
              {outcomes.map((o, i) => (
                <div className="govuk-radios__item" key={o}>
                  <input className="govuk-radios__input" id={i === 0 ? "outcome" : `outcome-${o}`} name="outcome" type="radio" value={o} />
                  <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? "outcome" : `outcome-${o}`}>
                    {OUTCOMES[o].label} <span className="govuk-hint govuk-!-display-inline">({OUTCOMES[o].disposition})</span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <AppointmentFields dateError={dateError} timeError={timeError} dateHint="Only for an appointment at an agreed time. For example, 27 11 2026." />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Record outcome
        </button>
      </form>
    </>
  );
}
