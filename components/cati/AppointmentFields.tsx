import { TextInput } from "@/components/govuk/TextInput";

/**
 * The date and time of an agreed call (UK time): the fields
 * lib/cati/action-schemas.ts reads (appointmentDay, appointmentMonth,
 * appointmentYear, appointmentTime). Plain inputs: they post without JavaScript.
 */
export function AppointmentFields({
  dateError,
  timeError,
  dateHint,
  dateLegend = "Appointment date",
  timeLabel = "Appointment time",
}: {
  dateError?: string;
  timeError?: string;
  dateHint: string;
  dateLegend?: string;
  timeLabel?: string;
}) {
  return (
    <>
      <div className={`govuk-form-group${dateError ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" role="group" aria-describedby={`appointmentAt-hint${dateError ? " appointmentAt-error" : ""}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{dateLegend}</legend>
          <div id="appointmentAt-hint" className="govuk-hint">
            {dateHint}
          </div>
          {dateError && (
            <p id="appointmentAt-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {dateError}
            </p>
          )}
          <div className="govuk-date-input">
            {(
              [
                ["appointmentAt", "appointmentDay", "Day", 2],
                ["appointmentAt-month", "appointmentMonth", "Month", 2],
                ["appointmentAt-year", "appointmentYear", "Year", 4],
              ] as const
            ).map(([id, name, label, width]) => (
              <div className="govuk-date-input__item" key={id}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                    {label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${width}${dateError ? " govuk-input--error" : ""}`}
                    id={id}
                    name={name}
                    type="text"
                    inputMode="numeric"
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextInput
        id="appointmentTime"
        name="appointmentTime"
        label={timeLabel}
        labelSize="s"
        hint="UK time, 24-hour clock. For example, 18:30."
        width="5"
        error={timeError}
      />
    </>
  );
}
