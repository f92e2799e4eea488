"use client";

/** Unexpected errors: a generic message with the id that is in the logs, never a stack trace. */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later. Nothing you entered before this page has been lost.</p>
      {error.digest && (
        <p className="govuk-body">
          If you contact support, quote this reference: <strong>{error.digest}</strong>
        </p>
      )}
    </>
  );
}
