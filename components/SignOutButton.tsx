"use client";
import { signOut } from "next-auth/react";

const SIGNED_OUT = "/sign-in?signedOut=1";

/** A plain form posting to next-auth's sign-out (works without JavaScript), enhanced when scripts load. */
export function SignOutButton({ csrfToken }: { csrfToken: string }) {
  return (
    <form
      method="post"
      action="/api/auth/signout"
      className="fw-sign-out-form"
      onSubmit={(event) => {
        event.preventDefault();
        void signOut({ callbackUrl: SIGNED_OUT });
      }}
    >
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={SIGNED_OUT} />
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 fw-sign-out">
        Sign out
      </button>
    </form>
  );
}
