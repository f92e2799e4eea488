"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { saveSamplingSettingsAction } from "@/app/samples/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { samplingSettingsSchema, type SamplingSettingsInput } from "@/lib/sampling/schemas";
import { Checkbox } from "./Checkbox";

export function SamplingSettingsForm({ current }: { current: SamplingSettingsInput }) {
  const [saved, setSaved] = useState(false);
  const [formError, setFormError] = useState<string>();
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<SamplingSettingsInput>({ shouldFocusError: false, resolver: zodResolver(samplingSettingsSchema), defaultValues: current });

  async function onSubmit(values: SamplingSettingsInput) {
    setSaved(false);
    setFormError(undefined);
    const result = await saveSamplingSettingsAction(values);
    if (result.ok) setSaved(true);
    else setFormError(result.message);
  }

  return (
    <>
      <ErrorSummary errors={formError ? [{ message: formError }] : []} />
      <div aria-live="polite">{saved && <p className="govuk-body govuk-!-font-weight-bold">Settings saved.</p>}</div>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <Checkbox
          id="drawRestrictedToSupervisors"
          label="Only supervisors may draw samples"
          hint="Interviewers draw the monthly samples unless this is ticked."
          registration={form.register("drawRestrictedToSupervisors")}
        />
        <button type="submit" className="govuk-button" disabled={form.formState.isSubmitting}>
          Save settings
        </button>
      </form>
    </>
  );
}
