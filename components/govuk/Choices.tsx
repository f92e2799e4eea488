import { Fragment, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, FieldError } from "./FieldError";

export interface ChoiceOption {
  value: string;
  label: ReactNode;
  hint?: string;
  /** a divider ("or") before this option */
  dividerBefore?: boolean;
  /** checkboxes: unticks the others (GOV.UK "none of these") */
  exclusive?: boolean;
}

interface ChoicesProps {
  /** the first control's id: the error summary links to it */
  id: string;
  /** the posted name; with react-hook-form it comes from `registration` */
  name?: string;
  /** react-hook-form's register(field): the same controls, driven by the form's state */
  registration?: UseFormRegisterReturn;
  legend: ReactNode;
  /** the legend's size when it is not the page heading */
  legendSize?: "s" | "m";
  /** legend as the page heading (one question per page) */
  legendAsHeading?: boolean;
  hint?: string;
  error?: string;
  options: ChoiceOption[];
  /** values chosen (from the stored answer or the post) */
  checked?: readonly string[];
  inline?: boolean;
  small?: boolean;
}

function Choices({
  kind,
  id,
  name,
  registration,
  legend,
  legendSize = "m",
  legendAsHeading,
  hint,
  error,
  options,
  checked = [],
  inline,
  small,
}: ChoicesProps & { kind: "radios" | "checkboxes" }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend${legendAsHeading ? " govuk-fieldset__legend--l" : ` govuk-fieldset__legend--${legendSize}`}`}>
          {legendAsHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        <FieldError id={id} message={error} />
        <div
          className={[`govuk-${kind}`, inline && `govuk-${kind}--inline`, small && `govuk-${kind}--small`].filter(Boolean).join(" ")}
          data-module={`govuk-${kind}`}
        >
          {options.map((o, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <Fragment key={o.value}>
                {o.dividerBefore && <div className={`govuk-${kind}__divider`}>or</div>}
                <div className={`govuk-${kind}__item`}>
                  <input
                    className={`govuk-${kind}__input`}
                    id={itemId}
                    name={name}
                    type={kind === "radios" ? "radio" : "checkbox"}
                    value={o.value}
                    defaultChecked={checked.includes(o.value)}
                    aria-describedby={o.hint ? `${itemId}-item-hint` : undefined}
                    data-behaviour={o.exclusive ? "exclusive" : undefined}
                    {...registration}
                  />
                  <label className={`govuk-label govuk-${kind}__label`} htmlFor={itemId}>
                    {o.label}
                  </label>
                  {o.hint && (
                    <div id={`${itemId}-item-hint`} className={`govuk-hint govuk-${kind}__hint`}>
                      {o.hint}
                    </div>
                  )}
                </div>
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** GOV.UK radios in a fieldset, as a plain form control (no client state). */
export function Radios(props: ChoicesProps) {
  return <Choices kind="radios" {...props} />;
}

/** GOV.UK checkboxes in a fieldset, as a plain form control (no client state). */
export function Checkboxes(props: ChoicesProps) {
  return <Choices kind="checkboxes" {...props} />;
}
