"use client";
import Link from "next/link";
import { useActionState } from "react";
import { confirmUserChangeAction } from "@/app/admin/users/actions";
import { ErrorSummary } from "@/components/ErrorSummary";
import { formErrors } from "@/lib/http/form-errors";
import type { UserChange } from "@/lib/users/schemas";

const QUESTION: Record<UserChange, (name: string) => { title: string; body: string; button: string; warning: boolean }> = {
  deactivate: (name) => ({
    title: `Deactivate ${name}?`,
    body: "They are signed out at once and cannot sign in until an administrator reactivates them.",
    button: `Yes, deactivate ${name}`,
    warning: true,
  }),
  reset: (name) => ({
    title: `Reset the password of ${name}?`,
    body: "Their current password stops working and they are signed out. You will see a temporary password to give them; they must change it when they sign in.",
    button: `Yes, reset the password of ${name}`,
    warning: true,
  }),
  reactivate: (name) => ({
    title: `Reactivate ${name}?`,
    body: "They can sign in again with their current password.",
    button: `Yes, reactivate ${name}`,
    warning: false,
  }),
};

/**
 * The confirmation step of a change to a user (GOV.UK: destructive actions
 * ask first). A plain form posting to a server action, so it works without
 * JavaScript; "No" goes back to the list without changing anything.
 */
export function ConfirmUserChange({ userId, name, change }: { userId: string; name: string; change: UserChange }) {
  const [state, action, pending] = useActionState(confirmUserChangeAction, null);
  const { summary } = formErrors(state);
  if (state?.ok) {
    return (
      <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="user-change-title">
        <div className="govuk-notification-banner__header">
          <h2 className="govuk-notification-banner__title" id="user-change-title">
            Done
          </h2>
        </div>
        <div className="govuk-notification-banner__content">
          {state.data.temporaryPassword ? (
            <>
              <p className="govuk-notification-banner__heading">
                New temporary password for {name}:{" "}
                <strong data-testid="temporary-password" className="fw-wrap-anywhere">
                  {state.data.temporaryPassword}
                </strong>
              </p>
              <p className="govuk-body">They must change it when they sign in. It will not be shown again.</p>
            </>
          ) : (
            <p className="govuk-notification-banner__heading">
              {name} is now {change === "deactivate" ? "deactivated" : "active"}.
            </p>
          )}
          <p className="govuk-body">
            <Link className="govuk-notification-banner__link" href="/admin/users">
              Back to all users
            </Link>
          </p>
        </div>
      </div>
    );
  }
  const q = QUESTION[change](name);
  return (
    <>
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m">{q.title}</h2>
      <p className="govuk-body">{q.body}</p>
      <form action={action}>
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="change" value={change} />
        <div className="govuk-button-group">
          <button type="submit" className={`govuk-button${q.warning ? " govuk-button--warning" : ""}`} data-module="govuk-button" disabled={pending}>
            {q.button}
          </button>
          <Link className="govuk-link" href="/admin/users">
            No, go back to the list
          </Link>
        </div>
      </form>
    </>
  );
}
