import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { CSRF_HEADER } from "@/lib/auth/csrf";
import { getSessionUser } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/roles";
import { env } from "@/lib/env";

type Search = { searchParams: Promise<Record<string, string | undefined>> };

// A refused sign-in without JavaScript comes back as ?error=...: the GOV.UK error pattern starts the title "Error: ".
export async function generateMetadata({ searchParams }: Search): Promise<Metadata> {
  return { title: `${(await searchParams).error ? "Error: " : ""}Sign in` };
}

export default async function SignInPage({ searchParams }: Search) {
  const user = await getSessionUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const [params, h] = await Promise.all([searchParams, headers()]);
  const e = env();
  const oidc = e.OIDC_ISSUER ? { name: e.OIDC_NAME } : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <SignInForm
          csrfToken={h.get(CSRF_HEADER) ?? ""}
          callbackUrl={safeCallbackUrl(params.callbackUrl)}
          oidc={oidc}
          initialError={params.error}
          signedOut={params.signedOut === "1"}
          lockoutMinutes={e.SIGN_IN_LOCKOUT_MINUTES}
        />
      </div>
    </div>
  );
}
