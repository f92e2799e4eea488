"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary, type SummaryError } from "@/components/ErrorSummary";
import { TextInput } from "@/components/govuk/TextInput";
import { signInSchema, type SignInInput } from "@/lib/auth/schemas";

const messages = (lockoutMinutes: number): Record<string, string> => ({
  // One message for a wrong password, an unknown account and a paused one (issue 17: no enumeration).
  CredentialsSignin: `Your email address or password is not correct. After several wrong attempts, signing in pauses for ${lockoutMinutes} minutes.`,
  NotRegistered: "You do not have a Fieldwork account. Ask an administrator to add you.",
  SessionRequired: "Sign in to continue",
});

export function SignInForm(props: {
  csrfToken: string;
  callbackUrl: string;
  oidc: { name: string } | null;
  initialError?: string;
  signedOut: boolean;
  lockoutMinutes: number;
}) {
  const router = useRouter();
  const MESSAGES = messages(props.lockoutMinutes);
  const [formError, setFormError] = useState<string | undefined>(
    props.initialError ? (MESSAGES[props.initialError] ?? "Sign in did not work. Try again.") : undefined,
  );
  // GOV.UK error pattern: the error summary takes focus (ErrorSummary), not the first field.
  const form = useForm<SignInInput>({ shouldFocusError: false, resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(values: SignInInput) {
    setFormError(undefined);
    const result = await signIn("credentials", { ...values, redirect: false });
    if (!result || result.error) {
      setFormError(MESSAGES[result?.error ?? ""] ?? MESSAGES.CredentialsSignin);
      form.resetField("password");
      return;
    }
    router.replace(props.callbackUrl);
    router.refresh();
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ message: formError }] : []),
    ...(["email", "password"] as const).flatMap((f) => (errors[f]?.message ? [{ field: f, message: errors[f].message }] : [])),
  ];

  return (
    <>
      <ErrorSummary errors={summary} />
      {props.signedOut && summary.length === 0 && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="signed-out-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="signed-out-title">
              Success
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">You have signed out</p>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-l">Sign in to Fieldwork</h1>
      {props.oidc && (
        <>
          {/* Without JavaScript, a plain POST to next-auth, which sends the browser on to the provider. With it, next-auth's
              own call, which goes there by a script's navigation: a provider whose sign-in page is on another origin than its
              issuer is then not held to the Content-Security-Policy's form-action (README "OpenID Connect"). */}
          <form
            method="post"
            action="/api/auth/signin/oidc"
            onSubmit={(event) => {
              event.preventDefault();
              void signIn("oidc", { callbackUrl: props.callbackUrl });
            }}
          >
            <input type="hidden" name="csrfToken" value={props.csrfToken} />
            <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Sign in with {props.oidc.name}
            </button>
          </form>
          <p className="govuk-body">Or sign in with your Fieldwork email address and password.</p>
        </>
      )}
      {/* A plain POST to next-auth without JavaScript (never GET: the password would be in the URL); handled here when scripts load. */}
      <form method="post" action="/api/auth/callback/credentials" onSubmit={form.handleSubmit(onSubmit)} noValidate>
        <input type="hidden" name="csrfToken" value={props.csrfToken} />
        <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          error={errors.email?.message}
          registration={form.register("email")}
        />
        <TextInput
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          registration={form.register("password")}
        />
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={isSubmitting} aria-disabled={isSubmitting}>
          {isSubmitting ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </>
  );
}
