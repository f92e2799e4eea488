import { surveyTitle } from "../titles";

export const metadata = surveyTitle("Thank you for taking part");

export default function ThankYouPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Thank you for taking part</h1>
          <div className="govuk-panel__body">Your answers have been sent</div>
        </div>
        <p className="govuk-body">
          Your answers will help improve the Child Maintenance Service. You do not need to do anything else, and you can close this page.
        </p>
      </div>
    </div>
  );
}
