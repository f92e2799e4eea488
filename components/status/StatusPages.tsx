import Link from "next/link";

// The words of a refused page (403) and of "Page not found" (404), drawn both by
// Next.js's own fallbacks (app/forbidden.tsx, app/not-found.tsx) and by a page
// that refuses in place (lib/http/page.tsx), so they are written once. Such a
// page is titled so by its metadata (staffMetadata and recordMetadata there).

export const ACCESS_REFUSED_TITLE = "You do not have access";
export const PAGE_NOT_FOUND_TITLE = "Page not found";

export function AccessRefused() {
  return (
    <>
      <h1 className="govuk-heading-l">{ACCESS_REFUSED_TITLE}</h1>
      <p className="govuk-body">Your role does not allow you to open this page. If you need it for your work, ask an administrator to change your role.</p>
      <HomeLink />
    </>
  );
}

export function PageNotFound() {
  return (
    <>
      <h1 className="govuk-heading-l">{PAGE_NOT_FOUND_TITLE}</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <HomeLink />
    </>
  );
}

function HomeLink() {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" href="/">
        Go to your home page
      </Link>
    </p>
  );
}
