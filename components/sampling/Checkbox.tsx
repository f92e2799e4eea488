import type { UseFormRegisterReturn } from "react-hook-form";

/** One GOV.UK checkbox with an optional hint: driven by react-hook-form (`registration`), or a plain form's (`name`, `defaultChecked`). */
export function Checkbox({
  id,
  label,
  hint,
  registration,
  name,
  defaultChecked,
}: {
  id: string;
  label: string;
  hint?: string;
  registration?: UseFormRegisterReturn;
  name?: string;
  defaultChecked?: boolean;
}) {
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            type="checkbox"
            name={name}
            defaultChecked={defaultChecked}
            aria-describedby={hint ? `${id}-hint` : undefined}
            {...registration}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
