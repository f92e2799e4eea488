"use client";
import { useActionState } from "react";
import { changePasswordAction } from "@/app/account/password/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { TextInput } from "@/components/govuk";
import { PASSWORD_MIN } from "@/lib/users/schemas";
import { formErrors } from "@/lib/http/form-errors";

/** Changing one's own password: a plain form (works without JavaScript); done, the action goes on to the home page. Passwords are never sent back into the form. */
export function ChangePasswordForm({ mustChange }: { mustChange: boolean }) {
  const [state, action, pending] = useActionState(changePasswordAction, null);
  const { summary, fields } = formErrors(state);
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Change your password</h1>
      {mustChange && <div className="govuk-inset-text">You are using a temporary password. Choose your own before you continue.</div>}
      <form action={action} noValidate>
        <TextInput
          id="currentPassword"
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          error={fields.currentPassword}
        />
        <TextInput
          id="newPassword"
          name="newPassword"
          label="New password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
          type="password"
          autoComplete="new-password"
          error={fields.newPassword}
        />
        <TextInput
          id="confirmPassword"
          name="confirmPassword"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={fields.confirmPassword}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Change password
        </button>
      </form>
    </>
  );
}
