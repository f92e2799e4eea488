"use client";
import Link from "next/link";
import { useActionState } from "react";
import { createUserAction } from "@/app/admin/users/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios, TextInput } from "@/components/govuk";
import { ROLES, ROLE_LABEL } from "@/lib/auth/roles";
import { formErrors } from "@/lib/http/form-errors";

const ROLE_HINT = {
  INTERVIEWER: "Phones clients and reads the questionnaire; can draw monthly samples",
  SUPERVISOR: "Watches fieldwork, quotas and response rates; manages samples",
  ANALYST: "Sees weighted results and exports",
  ADMIN: "Manages users and settings",
} as const;

/** Adding a user: a plain form (works without JavaScript); the temporary password is shown once, in the answer to the post. */
export function NewUserForm() {
  const [state, action, pending] = useActionState(createUserAction, null);
  if (state?.ok) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">User added</h1>
          {/* A long email address wraps inside the panel instead of running off a small screen (issue 18). */}
          <div className="govuk-panel__body fw-wrap-anywhere">
            Temporary password for {state.data.email}
            <br />
            <strong data-testid="temporary-password">{state.data.temporaryPassword}</strong>
          </div>
        </div>
        <p className="govuk-body">Give this password to the person securely. They must change it when they first sign in. It will not be shown again.</p>
        <Link className="govuk-link" href="/admin/users">
          Back to users
        </Link>
      </>
    );
  }
  const { summary, fields, typed } = formErrors(state);
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Add a user</h1>
      {/* key: what was typed comes back as the fields' defaults after an error */}
      <form action={action} noValidate key={JSON.stringify(state)}>
        <TextInput id="name" name="name" label="Full name" autoComplete="off" defaultValue={typed?.name} error={fields.name} />
        <TextInput
          id="email"
          name="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          defaultValue={typed?.email}
          error={fields.email}
        />
        <Radios
          legendSize="s"
          id="role"
          name="role"
          legend="Role"
          error={fields.role}
          checked={typed?.role ? [typed.role] : []}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r], hint: ROLE_HINT[r] }))}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={pending}>
          Add user
        </button>
      </form>
    </>
  );
}
