import { surveyTitle } from "../titles";

export const metadata = surveyTitle("Your answers have been saved");

export default function SavedPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Your answers have been saved</h1>
        </div>
        <p className="govuk-body">
          To carry on, open the link in your email or text message again, or enter the access code from your letter. You will start at the next question.
        </p>
        <p className="govuk-body">You can close this page.</p>
      </div>
    </div>
  );
}
