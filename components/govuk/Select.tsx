import type { SelectHTMLAttributes } from "react";
import { describedBy } from "./FieldError";
import { FormGroup } from "./FormGroup";

export interface SelectOption {
  value: string;
  label: string;
}

/** GOV.UK select; works in a plain form (defaultValue, not state). The first option is "any" when `anyLabel` is given. */
export function Select({
  id,
  name,
  label,
  options,
  anyLabel,
  hint,
  error,
  ...select
}: { id: string; name: string; label: string; options: readonly SelectOption[]; anyLabel?: string; hint?: string; error?: string } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "name"
>) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <select id={id} name={name} className={`govuk-select${error ? " govuk-select--error" : ""}`} aria-describedby={describedBy(id, hint, error)} {...select}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}
