"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 fw-sign-out" onClick={() => void signOut({ callbackUrl: "/sign-in?signedOut=1" })}>
      Sign out
    </button>
  );
}
