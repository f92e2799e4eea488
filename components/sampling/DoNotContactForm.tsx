"use client";
import { useActionState } from "react";
import { addDoNotContactAction, removeDoNotContactAction } from "@/app/frame/do-not-contact/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios, TextInput } from "@/components/govuk";
import { formErrors } from "@/lib/http/form-errors";

/**
 * Adds a client to the register, or (remove) takes one off it; both need a
 * reason, kept in the audit log. A plain form (works without JavaScript): done,
 * it says what it did; sent back with errors, it keeps what was typed.
 */
export function DoNotContactForm({ remove = false }: { remove?: boolean }) {
  const prefix = remove ? "remove-" : "";
  const [state, action, pending] = useActionState(remove ? removeDoNotContactAction : addDoNotContactAction, null);
  const { summary, fields, typed } = formErrors(state, { prefix });
  return (
    <>
      <ErrorSummary errors={summary} />
      <div aria-live="polite">{state?.ok && <p className="govuk-body govuk-!-font-weight-bold">{state.data.message}</p>}</div>
      {/* key: what was typed comes back as the fields' defaults after an error (the service stays as chosen after a success) */}
      <form action={action} noValidate key={JSON.stringify(state)}>
        <Radios
          legendSize="s"
          id={`${prefix}service`}
          name="service"
          legend="Service"
          error={fields[`${prefix}service`]}
          checked={[typed?.service ?? (state?.ok ? state.data.service : "CMS")]}
          options={[
            { value: "CMS", label: "CMS" },
            { value: "OPTIONS", label: "Child Maintenance Options" },
          ]}
        />
        <TextInput
          id={`${prefix}clientRef`}
          name="clientRef"
          label="Client reference"
          width="20"
          autoComplete="off"
          spellCheck={false}
          defaultValue={typed?.clientRef}
          error={fields[`${prefix}clientRef`]}
        />
        <TextInput
          id={`${prefix}reason`}
          name="reason"
          label={remove ? "Why they can be contacted again" : "Reason"}
          defaultValue={typed?.reason}
          error={fields[`${prefix}reason`]}
        />
        <button type="submit" className={`govuk-button${remove ? " govuk-button--warning" : ""}`} data-module="govuk-button" disabled={pending}>
          {remove ? "Remove from the register" : "Add to the register"}
        </button>
      </form>
    </>
  );
}
