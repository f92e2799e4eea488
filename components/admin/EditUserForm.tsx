"use client";
import Link from "next/link";
import { useActionState } from "react";
import { updateUserAction } from "@/app/admin/users/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios } from "@/components/govuk/Choices";
import { TextInput } from "@/components/govuk/TextInput";
import { ROLE_LABEL, ROLES, type StaffRole } from "@/lib/auth/roles";
import { formErrors } from "@/lib/http/form-errors";

/** Change a user's name, email address or role (issue 18): a plain form, enhanced when scripts load. */
export function EditUserForm({ user }: { user: { id: string; name: string; email: string; role: StaffRole } }) {
  const [state, action, pending] = useActionState(updateUserAction, null);
  const { summary, fields, typed } = formErrors(state);
  // After an error, what was typed (the action sends it back); otherwise the user as stored.
  const shown = { name: user.name, email: user.email, role: user.role as string, ...typed };
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l fw-wrap-anywhere">Change {user.name}</h1>
      <form action={action} noValidate key={JSON.stringify(state)}>
        <input type="hidden" name="userId" value={user.id} />
        <TextInput id="name" name="name" label="Full name" autoComplete="off" defaultValue={shown.name} error={fields.name} />
        <TextInput
          id="email"
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={shown.email}
          error={fields.email}
        />
        <Radios
          id="role"
          name="role"
          legend="Role"
          legendSize="s"
          hint="A new role applies at once, also to someone signed in now."
          error={fields.role}
          checked={[shown.role]}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
            Save changes
          </button>
          <Link className="govuk-link" href="/admin/users">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
