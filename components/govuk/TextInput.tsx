import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { describedBy, FieldError } from "./FieldError";

interface FieldProps {
  id: string;
  name: string;
  label: string;
  /** label as the page heading (one question per page) */
  labelAsHeading?: boolean;
  hint?: string;
  error?: string;
}

function Label({ id, label, labelAsHeading }: Pick<FieldProps, "id" | "label" | "labelAsHeading">) {
  const el = (
    <label className={`govuk-label${labelAsHeading ? " govuk-label--l" : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return labelAsHeading ? <h1 className="govuk-label-wrapper">{el}</h1> : el;
}

/** GOV.UK text input; works in a plain server-action form (defaultValue, not state). */
export function TextInput({ id, name, label, labelAsHeading, hint, error, className, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name">) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} labelAsHeading={labelAsHeading} />
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      <input
        className={["govuk-input", error && "govuk-input--error", className].filter(Boolean).join(" ")}
        id={id}
        name={name}
        type="text"
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </div>
  );
}

/** GOV.UK textarea. */
export function Textarea({ id, name, label, labelAsHeading, hint, error, className, rows = 5, ...area }: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name">) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} labelAsHeading={labelAsHeading} />
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      <textarea
        className={["govuk-textarea", error && "govuk-textarea--error", className].filter(Boolean).join(" ")}
        id={id}
        name={name}
        rows={rows}
        aria-describedby={describedBy(id, hint, error)}
        {...area}
      />
    </div>
  );
}
