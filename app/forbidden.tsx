import Link from "next/link";

export default function Forbidden() {
  return (
    <>
      <h1 className="govuk-heading-l">You do not have access</h1>
      <p className="govuk-body">Your role does not allow you to open this page. If you need it for your work, ask an administrator to change your role.</p>
      <p className="govuk-body">
        <Link className="govuk-link" href="/">
          Go to your home page
        </Link>
      </p>
    </>
  );
}
