import type { UseFormRegisterReturn } from "react-hook-form";

interface Props {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  registration: UseFormRegisterReturn;
}

/** GOV.UK radios in a fieldset; the first radio carries the id the error summary links to. */
export function Radios({ id, legend, hint, error, options, registration }: Props) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
        {error && (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-radios" data-module="govuk-radios">
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input className="govuk-radios__input" id={optionId} type="radio" value={o.value} aria-describedby={o.hint ? `${optionId}-hint` : undefined} {...registration} />
                <label className="govuk-label govuk-radios__label" htmlFor={optionId}>{o.label}</label>
                {o.hint && <div id={`${optionId}-hint`} className="govuk-hint govuk-radios__hint">{o.hint}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
