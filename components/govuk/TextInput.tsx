import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { describedBy } from "./FieldError";
import { FormGroup, type FormGroupProps } from "./FormGroup";

interface FieldProps extends FormGroupProps {
  /** the posted name; with react-hook-form it comes from `registration` */
  name?: string;
  /** react-hook-form's register(field): the same control, driven by the form's state */
  registration?: UseFormRegisterReturn;
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
    <FormGroup id={id} label={label} labelAsHeading={labelAsHeading} labelSize={labelSize} hint={hint} error={error}>
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
    </FormGroup>
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
    <FormGroup id={id} label={label} labelAsHeading={labelAsHeading} labelSize={labelSize} hint={hint} error={error}>
      <textarea
        className={["govuk-textarea", error && "govuk-textarea--error", className].filter(Boolean).join(" ")}
        id={id}
        name={name}
        rows={rows}
        aria-describedby={describedBy(id, hint, error)}
        {...registration}
        {...area}
      />
    </FormGroup>
  );
}
