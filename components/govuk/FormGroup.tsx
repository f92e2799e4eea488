import type { ReactNode } from "react";
import { FieldError } from "./FieldError";

export interface FormGroupProps {
  id: string;
  label: string;
  /** label as the page heading (one question per page) */
  labelAsHeading?: boolean;
  /** a bolder label, "s" or "m", for a field that is a form's only or main question */
  labelSize?: "s" | "m";
  hint?: string;
  error?: string;
}

/**
 * The GOV.UK form group of one control: its label, hint and error message, then
 * the control, which names `${id}-hint` and `${id}-error` in its
 * aria-describedby (describedBy). TextInput, Textarea and Select are this with
 * their control.
 */
export function FormGroup({ id, label, labelAsHeading, labelSize, hint, error, children }: FormGroupProps & { children: ReactNode }) {
  const size = labelAsHeading ? "l" : labelSize;
  const labelEl = (
    <label className={`govuk-label${size ? ` govuk-label--${size}` : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      {labelAsHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      {children}
    </div>
  );
}
