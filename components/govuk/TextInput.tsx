import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy, FieldError } from "./FieldError";

interface FieldProps {
  id: string;
  /** the posted name; with react-hook-form it comes from `registration` */
  name?: string;
  /** react-hook-form's register(field): the same control, driven by the form's state */
  registration?: UseFormRegisterReturn;
  label: string;
  /** label as the page heading (one question per page) */
  labelAsHeading?: boolean;
  /** a bolder label, "s" or "m", for a field that is a form's only or main question */
  labelSize?: "s" | "m";
  hint?: string;
  error?: string;
}

function Label({ id, label, labelAsHeading, labelSize }: Pick<FieldProps, "id" | "label" | "labelAsHeading" | "labelSize">) {
  const size = labelAsHeading ? "l" : labelSize;
  const el = (
    <label className={`govuk-label${size ? ` govuk-label--${size}` : ""}`} htmlFor={id}>
      {label}
    </label>
  );
  return labelAsHeading ? <h1 className="govuk-label-wrapper">{el}</h1> : el;
}

/**
 * GOV.UK text input. In a plain server-action form give it `name` (and a
 * defaultValue); in a react-hook-form form give it `registration`.
 */
export function TextInput({
  id,
  name,
  registration,
  label,
  labelAsHeading,
  labelSize,
  hint,
  error,
  className,
  width,
  ...input
}: FieldProps & { width?: "2" | "3" | "4" | "5" | "10" | "20" | "30" } & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "width">) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} labelAsHeading={labelAsHeading} labelSize={labelSize} />
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      <FieldError id={id} message={error} />
      <input
        className={["govuk-input", width && `govuk-input--width-${width}`, error && "govuk-input--error", className].filter(Boolean).join(" ")}
        id={id}
        name={name}
        type="text"
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...registration}
        {...input}
      />
    </div>
  );
}

/** GOV.UK textarea. */
export function Textarea({
  id,
  name,
  registration,
  label,
  labelAsHeading,
  labelSize,
  hint,
  error,
  className,
  rows = 5,
  ...area
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name">) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} labelAsHeading={labelAsHeading} labelSize={labelSize} />
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
        {...registration}
        {...area}
      />
    </div>
  );
}
