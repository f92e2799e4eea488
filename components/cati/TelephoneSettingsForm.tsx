"use client";
import { useActionState } from "react";
import { saveTelephoneSettingsAction } from "@/app/admin/settings/telephone/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { fieldId, formFromSettings } from "@/lib/cati/settings-form";
import { TIME_SLOTS, WEEKDAYS, type CatiSettings } from "@/lib/cati/settings";
import { formErrors } from "@/lib/http/form-errors";

interface Props {
  settings: CatiSettings;
  refusalConverterIds: string[];
  interviewers: { id: string; name: string; email: string }[];
}

const DAY_NAMES = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" } as const;
const SLOT_NAMES = { morning: "Morning", afternoon: "Afternoon", evening: "Evening" } as const;

const NUMBERS: { name: string; label: string; hint: string; suffix: string }[] = [
  { name: "maxAttempts", label: "Maximum calls per case", hint: "Then the case is finished as maximum attempts reached.", suffix: "calls" },
  { name: "retryDelayMinutes.noAnswer", label: "Try again after no answer", hint: "In a different time slot of the day.", suffix: "minutes" },
  { name: "retryDelayMinutes.busy", label: "Try again after busy or engaged", hint: "", suffix: "minutes" },
  { name: "retryDelayMinutes.answeringMachine", label: "Try again after an answering machine", hint: "", suffix: "minutes" },
  { name: "retryDelayMinutes.breakOff", label: "Resume a stopped interview after", hint: "", suffix: "minutes" },
  { name: "maxMessagesLeft", label: "Most messages left per case", hint: "", suffix: "messages" },
  { name: "unspecifiedAppointmentDelayDays", label: "Call back later (no time agreed) after", hint: "In another time slot.", suffix: "days" },
  { name: "softRefusalConversionDelayDays", label: "Try to convert a soft refusal after", hint: "", suffix: "days" },
  { name: "softRefusalMaxConversions", label: "Conversion attempts per soft refusal", hint: "", suffix: "attempts" },
  { name: "holdExpiryMinutes", label: "Release a case left idle after", hint: "Another interviewer can then take it.", suffix: "minutes" },
];

/** Every CATI rule number (lib/cati/settings.ts) as one form an administrator saves. */
export function TelephoneSettingsForm({ settings, refusalConverterIds, interviewers }: Props) {
  const [state, action, pending] = useActionState(saveTelephoneSettingsAction, null);
  // After an error, what was typed (the action sends it back); otherwise the stored settings.
  const { summary, fields: errors, typed } = formErrors(state, { fieldId });
  const values = { ...formFromSettings(settings), ...typed };
  const converters = typed ? (typed.refusalConverterIds ?? "").split(",") : refusalConverterIds;
  const errorOf = (name: string) => errors[fieldId(name)];
  const groupClass = (name: string) => `govuk-form-group${errorOf(name) ? " govuk-form-group--error" : ""}`;
  const errorMessage = (name: string) =>
    errorOf(name) ? (
      <p id={`${fieldId(name)}-error`} className="govuk-error-message">
        <span className="govuk-visually-hidden">Error:</span> {errorOf(name)}
      </p>
    ) : null;
  const clock = (name: string, label: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={fieldId(name)}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-input--width-5${errorOf(name) ? " govuk-input--error" : ""}`}
          id={fieldId(name)}
          name={name}
          type="text"
          defaultValue={values[name]}
        />
      </div>
    </div>
  );

  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="saved-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="saved-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">Telephone settings saved. They apply to the next case taken.</p>
          </div>
        </div>
      )}
      <form action={action} noValidate key={JSON.stringify(state)}>
        <h2 className="govuk-heading-m">Calls and retries</h2>
        {NUMBERS.map((n) => (
          <div className={groupClass(n.name)} key={n.name}>
            <label className="govuk-label govuk-label--s" htmlFor={fieldId(n.name)}>
              {n.label}
            </label>
            {n.hint && (
              <div id={`${fieldId(n.name)}-hint`} className="govuk-hint">
                {n.hint}
              </div>
            )}
            {errorMessage(n.name)}
            <div className="govuk-input__wrapper">
              <input
                className={`govuk-input govuk-input--width-5${errorOf(n.name) ? " govuk-input--error" : ""}`}
                id={fieldId(n.name)}
                name={n.name}
                type="text"
                inputMode="numeric"
                defaultValue={values[n.name]}
                aria-describedby={
                  [n.hint ? `${fieldId(n.name)}-hint` : null, errorOf(n.name) ? `${fieldId(n.name)}-error` : null].filter(Boolean).join(" ") || undefined
                }
              />
              <div className="govuk-input__suffix" aria-hidden="true">
                {n.suffix}
              </div>
            </div>
          </div>
        ))}

        <h2 className="govuk-heading-m">Calling hours (UK time)</h2>
        <p className="govuk-body">24-hour clock, for example 09:00 to 20:00 (the end may be 24:00). Leave both empty for a day without calling.</p>
        {WEEKDAYS.map((d) => (
          <div className={groupClass(`callingHours.${d}`)} key={d}>
            <fieldset className="govuk-fieldset" role="group">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{DAY_NAMES[d]}</legend>
              {errorMessage(`callingHours.${d}`)}
              {errorMessage(`callingHours.${d}.start`)}
              {errorMessage(`callingHours.${d}.end`)}
              <div className="govuk-date-input" id={fieldId(`callingHours.${d}`)}>
                {clock(`callingHours.${d}.start`, `${DAY_NAMES[d]} from`)}
                {clock(`callingHours.${d}.end`, `${DAY_NAMES[d]} until`)}
              </div>
            </fieldset>
          </div>
        ))}
        <div className="govuk-form-group">
          <div className="govuk-checkboxes" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id="closedOnBankHolidays"
                name="closedOnBankHolidays"
                type="checkbox"
                value="true"
                defaultChecked={typed ? typed.closedOnBankHolidays === "true" : settings.closedOnBankHolidays}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="closedOnBankHolidays">
                No calling on bank holidays (England and Wales)
              </label>
            </div>
          </div>
        </div>
        <div className={groupClass("extraClosedDates")}>
          <label className="govuk-label govuk-label--s" htmlFor="extraClosedDates">
            Other days without calling
          </label>
          <div id="extraClosedDates-hint" className="govuk-hint">
            One date a line as YYYY-MM-DD, for example a new bank holiday.
          </div>
          {errorMessage("extraClosedDates")}
          <textarea
            className="govuk-textarea"
            id="extraClosedDates"
            name="extraClosedDates"
            rows={3}
            defaultValue={values.extraClosedDates}
            aria-describedby="extraClosedDates-hint"
          />
        </div>

        <h2 className="govuk-heading-m">Time slots</h2>
        <p className="govuk-body">Retries are spread over the slots; a slot with weight 2 gets twice the retries of a slot with weight 1, and 0 none.</p>
        {TIME_SLOTS.map((s) => (
          <div className={groupClass(`timeSlots.${s}`)} key={s}>
            <fieldset className="govuk-fieldset" role="group">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{SLOT_NAMES[s]}</legend>
              {errorMessage(`timeSlots.${s}`)}
              {errorMessage(`slotWeights.${s}`)}
              <div className="govuk-date-input" id={fieldId(`timeSlots.${s}`)}>
                {clock(`timeSlots.${s}.start`, `${SLOT_NAMES[s]} from`)}
                {clock(`timeSlots.${s}.end`, `${SLOT_NAMES[s]} until`)}
                <div className="govuk-date-input__item">
                  <div className="govuk-form-group">
                    <label className="govuk-label govuk-date-input__label" htmlFor={fieldId(`slotWeights.${s}`)}>
                      {SLOT_NAMES[s]} weight
                    </label>
                    <input
                      className="govuk-input govuk-input--width-3"
                      id={fieldId(`slotWeights.${s}`)}
                      name={`slotWeights.${s}`}
                      type="text"
                      inputMode="decimal"
                      defaultValue={values[`slotWeights.${s}`]}
                    />
                  </div>
                </div>
              </div>
            </fieldset>
          </div>
        ))}

        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset" aria-describedby="refusalConverterIds-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">Refusal conversion</h2>
            </legend>
            <div id="refusalConverterIds-hint" className="govuk-hint">
              Interviewers who call back soft refusals. If you choose nobody, any interviewer may.
            </div>
            {interviewers.length === 0 ? (
              <p className="govuk-body">There are no active interviewers.</p>
            ) : (
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {interviewers.map((u) => (
                  <div className="govuk-checkboxes__item" key={u.id}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`converter-${u.id}`}
                      name="refusalConverterIds"
                      type="checkbox"
                      value={u.id}
                      defaultChecked={converters.includes(u.id)}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`converter-${u.id}`}>
                      {u.name} ({u.email})
                    </label>
                  </div>
                ))}
              </div>
            )}
          </fieldset>
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Save settings
        </button>
      </form>
    </>
  );
}
