import "./globals.css";
import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { GovukInit } from "@/components/GovukInit";
import { ServiceNavigation } from "@/components/ServiceNavigation";
import { CSRF_HEADER } from "@/lib/auth/csrf";
import { RespondentHeader } from "@/components/cawi/RespondentHeader";
import { getSessionUser } from "@/lib/auth/session";
import { isRespondentPath } from "@/lib/cawi/paths";

export const metadata: Metadata = {
  title: { default: "Fieldwork", template: "%s – Fieldwork" },
  description: "Client-satisfaction survey fieldwork for the Child Maintenance Service",
  icons: { icon: "/assets/images/favicon.ico" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const h = await headers();
  const path = (h.get("x-fieldwork-path") ?? "/").split("?")[0];
  // Respondents (issue 13) see the survey's name only: no staff navigation or sign-in.
  const respondent = isRespondentPath(path);
  const user = respondent ? null : await getSessionUser();
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        {/* eslint-disable-next-line @next/next/no-css-tags -- GOV.UK Frontend's stylesheet, copied to public/ by scripts/copy-govuk-assets.mjs */}
        <link rel="stylesheet" href="/govuk/govuk-frontend.min.css" />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        {respondent ? <RespondentHeader /> : <ServiceNavigation user={user} currentPath={path} csrfToken={h.get(CSRF_HEADER) ?? ""} />}
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main">
            {children}
          </main>
        </div>
        <footer className="govuk-footer" role="contentinfo">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {respondent
                    ? "A survey carried out for the Department for Work and Pensions."
                    : "Fieldwork – survey fieldwork for the Child Maintenance Service and Child Maintenance Options."}
                </p>
              </div>
            </div>
          </div>
        </footer>
        <GovukInit />
      </body>
    </html>
  );
}
