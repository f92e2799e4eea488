import Link from "next/link";

/** One page for every link or code that cannot be used (unknown, expired, withdrawn): it reveals nothing about which. */
export function SurveyUnavailable({ busy = false }: { busy?: boolean }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">This survey link cannot be used</h1>
        {busy ? (
          <p className="govuk-body">There have been too many attempts from your connection. Wait 10 minutes and try again.</p>
        ) : (
          <p className="govuk-body">The link may be incomplete or may have expired, or the survey may have closed.</p>
        )}
        <p className="govuk-body">
          If you have a letter with an access code, you can{" "}
          <Link className="govuk-link" href="/start">
            enter your access code
          </Link>
          .
        </p>
      </div>
    </div>
  );
}
