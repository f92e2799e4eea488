"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { changePasswordAction } from "@/app/account/password/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { TextInput } from "@/components/govuk/TextInput";
import { changePasswordSchema, PASSWORD_MIN, type ChangePasswordInput } from "@/lib/users/schemas";
import { applyToForm, summaryOf } from "@/lib/http/form-errors";

const FIELDS = ["currentPassword", "newPassword", "confirmPassword"] as const;

export function ChangePasswordForm({ mustChange, home }: { mustChange: boolean; home: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<ChangePasswordInput>({ shouldFocusError: false, resolver: zodResolver(changePasswordSchema) });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: ChangePasswordInput) {
    setFormError(undefined);
    const result = await changePasswordAction(values);
    if (result.ok) {
      router.replace(home);
      router.refresh();
      return;
    }
    setFormError(applyToForm(result, FIELDS, form.setError));
  }

  const summary = summaryOf(errors, FIELDS, { formMessage: formError });
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Change your password</h1>
      {mustChange && <div className="govuk-inset-text">You are using a temporary password. Choose your own before you continue.</div>}
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <TextInput
          id="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          registration={form.register("currentPassword")}
        />
        <TextInput
          id="newPassword"
          label="New password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
          type="password"
          autoComplete="new-password"
          error={errors.newPassword?.message}
          registration={form.register("newPassword")}
        />
        <TextInput
          id="confirmPassword"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          registration={form.register("confirmPassword")}
        />
        <button type="submit" className="govuk-button" disabled={isSubmitting}>
          Change password
        </button>
      </form>
    </>
  );
}
