import type { InputHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  registration: UseFormRegisterReturn;
  width?: "10" | "20" | "30";
}

/** GOV.UK text input with label, hint and error message wired for screen readers. */
export function TextInput({ id, label, hint, error, registration, width, className, ...rest }: Props) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>{label}</label>
      {hint && <div id={`${id}-hint`} className="govuk-hint">{hint}</div>}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <input
        id={id}
        className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}${className ? ` ${className}` : ""}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...registration}
        {...rest}
      />
    </div>
  );
}
