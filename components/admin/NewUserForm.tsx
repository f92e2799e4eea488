"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createUserAction } from "@/app/admin/users/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { Radios } from "@/components/govuk/Choices";
import { TextInput } from "@/components/govuk/TextInput";
import { ROLES, ROLE_LABEL } from "@/lib/auth/roles";
import { createUserSchema, type CreateUserInput } from "@/lib/users/schemas";
import { applyToForm, summaryOf } from "@/lib/http/form-errors";

const FIELDS = ["name", "email", "role"] as const;

const ROLE_HINT = {
  INTERVIEWER: "Phones clients and reads the questionnaire; can draw monthly samples",
  SUPERVISOR: "Watches fieldwork, quotas and response rates; manages samples",
  ANALYST: "Sees weighted results and exports",
  ADMIN: "Manages users and settings",
} as const;

export function NewUserForm() {
  const [created, setCreated] = useState<{ email: string; temporaryPassword: string } | null>(null);
  const [formError, setFormError] = useState<string>();
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<CreateUserInput>({ shouldFocusError: false, resolver: zodResolver(createUserSchema), defaultValues: { name: "", email: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: CreateUserInput) {
    setFormError(undefined);
    const result = await createUserAction(values);
    if (result.ok) return setCreated(result.data);
    setFormError(applyToForm(result, FIELDS, form.setError));
  }

  if (created) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">User added</h1>
          {/* A long email address wraps inside the panel instead of running off a small screen (issue 18). */}
          <div className="govuk-panel__body fw-wrap-anywhere">
            Temporary password for {created.email}
            <br />
            <strong data-testid="temporary-password">{created.temporaryPassword}</strong>
          </div>
        </div>
        <p className="govuk-body">Give this password to the person securely. They must change it when they first sign in. It will not be shown again.</p>
        <Link className="govuk-link" href="/admin/users">
          Back to users
        </Link>
      </>
    );
  }

  const summary = summaryOf(errors, FIELDS, { formMessage: formError });
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Add a user</h1>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <TextInput id="name" label="Full name" autoComplete="off" error={errors.name?.message} registration={form.register("name")} />
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          error={errors.email?.message}
          registration={form.register("email")}
        />
        <Radios
          legendSize="s"
          id="role"
          legend="Role"
          error={errors.role?.message}
          registration={form.register("role")}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r], hint: ROLE_HINT[r] }))}
        />
        <button type="submit" className="govuk-button" disabled={isSubmitting}>
          Add user
        </button>
      </form>
    </>
  );
}
