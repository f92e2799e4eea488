import Link from "next/link";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Select, TextInput } from "@/components/govuk";
import { CONTACT_REASONS, PAYMENT_METHODS, ROLES, type QuestionnaireVersion } from "@/lib/questionnaire";
import { CONTACT_REASON_LABELS, MODE_LABELS, PAYMENT_METHOD_LABELS } from "./labels";
import { QuestionKeyboard } from "./QuestionKeyboard";
import { CLIENT_ROLE_LABELS } from "@/lib/interchange/codes";

/**
 * "Try it", first step: the case the questionnaire is run for. A plain GET form
 * (no JavaScript needed); the answers then travel in the address.
 */
export function TryItSetup({ version, problem }: { version: QuestionnaireVersion; problem?: string }) {
  const modes = version.settings.modes;
  return (
    <QuestionKeyboard screenKey="setup" focusHeading={!problem}>
      {problem && <ErrorSummary errors={[{ message: problem }]} />}
      <span className="govuk-caption-l">{version.id}</span>
      <h1 className="govuk-heading-l" tabIndex={-1} data-question-heading="">
        Try {version.title}
      </h1>
      <p className="govuk-body">
        Run the questionnaire as it would be asked, with its real routing. Nothing you enter is stored. Choose the case first: routing and fills read these
        details.
      </p>
      <form method="get" action={`/questionnaires/${version.id}/try`} noValidate>
        <Select
          id="role"
          name="role"
          anyLabel="Not set"
          defaultValue=""
          label="Client's role"
          options={ROLES.map((r) => ({ value: r, label: CLIENT_ROLE_LABELS[r] }))}
        />
        <Select
          id="contactReason"
          name="contactReason"
          anyLabel="Not set"
          defaultValue=""
          label="Reason for contact"
          options={CONTACT_REASONS.map((r) => ({ value: r, label: CONTACT_REASON_LABELS[r] }))}
        />
        <Select
          id="paymentMethod"
          name="paymentMethod"
          anyLabel="Not set"
          defaultValue=""
          label="Payment method"
          options={PAYMENT_METHODS.map((p) => ({ value: p, label: PAYMENT_METHOD_LABELS[p] }))}
        />
        <TextInput
          id="contactMonth"
          name="contactMonth"
          label="Contact month"
          hint="As year and month, for example 2015-04. Leave empty for no month."
          width="10"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
        />
        {modes.length === 1 ? (
          <input type="hidden" name="mode" value={modes[0]} />
        ) : (
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show the questionnaire</legend>
              <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
                {modes.map((m, i) => (
                  <div className="govuk-radios__item" key={m}>
                    <input
                      className="govuk-radios__input"
                      id={i === 0 ? "mode" : `mode-${i + 1}`}
                      name="mode"
                      type="radio"
                      value={m}
                      defaultChecked={i === 0}
                    />
                    <label className="govuk-label govuk-radios__label" htmlFor={i === 0 ? "mode" : `mode-${i + 1}`}>
                      {MODE_LABELS[m]}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        )}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-continue="">
            Start
          </button>
          <Link className="govuk-link" href={`/questionnaires/${version.id}`}>
            Preview instead
          </Link>
        </div>
      </form>
    </QuestionKeyboard>
  );
}
