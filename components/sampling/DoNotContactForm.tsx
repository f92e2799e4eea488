"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { addDoNotContactAction, removeDoNotContactAction } from "@/app/frame/do-not-contact/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios } from "@/components/govuk/Choices";
import { TextInput } from "@/components/govuk/TextInput";
import { doNotContactSchema, type DoNotContactInput } from "@/lib/sampling/schemas";
import { applyToForm, summaryOf } from "@/lib/http/form-errors";

const FIELDS = ["service", "clientRef", "reason"] as const;

/** Adds a client to the register, or (remove) takes one off it; both need a reason, kept in the audit log. */
export function DoNotContactForm({ remove = false }: { remove?: boolean }) {
  const prefix = remove ? "remove-" : "";
  const [done, setDone] = useState<string>();
  const [formError, setFormError] = useState<string>();
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<DoNotContactInput>({
    shouldFocusError: false,
    resolver: zodResolver(doNotContactSchema),
    defaultValues: { service: "CMS", clientRef: "", reason: "" },
  });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: DoNotContactInput) {
    setDone(undefined);
    setFormError(undefined);
    const result = await (remove ? removeDoNotContactAction : addDoNotContactAction)(values);
    if (result.ok) {
      setDone(`${values.service} client ${values.clientRef} ${remove ? "removed from" : "added to"} the register.`);
      form.reset({ service: values.service, clientRef: "", reason: "" });
      return;
    }
    setFormError(applyToForm(result, FIELDS, form.setError));
  }

  const summary = summaryOf(errors, FIELDS, { formMessage: formError, prefix });
  return (
    <>
      <ErrorSummary errors={summary} />
      <div aria-live="polite">{done && <p className="govuk-body govuk-!-font-weight-bold">{done}</p>}</div>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <Radios
          legendSize="s"
          id={`${prefix}service`}
          legend="Service"
          error={errors.service?.message}
          registration={form.register("service")}
          options={[
            { value: "CMS", label: "CMS" },
            { value: "OPTIONS", label: "Child Maintenance Options" },
          ]}
        />
        <TextInput
          id={`${prefix}clientRef`}
          label="Client reference"
          width="20"
          autoComplete="off"
          spellCheck={false}
          error={errors.clientRef?.message}
          registration={form.register("clientRef")}
        />
        <TextInput
          id={`${prefix}reason`}
          label={remove ? "Why they can be contacted again" : "Reason"}
          error={errors.reason?.message}
          registration={form.register("reason")}
        />
        <button type="submit" className={`govuk-button${remove ? " govuk-button--warning" : ""}`} disabled={isSubmitting}>
          {remove ? "Remove from the register" : "Add to the register"}
        </button>
      </form>
    </>
  );
}
