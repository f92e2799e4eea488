import { surveyTitle } from "@/app/survey/titles";

export const metadata = surveyTitle("Thank you for your feedback");

export default async function FeedbackThankYouPage({ searchParams }: { searchParams: Promise<{ followUp?: string }> }) {
  const { followUp } = await searchParams;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Thank you for your feedback</h1>
        </div>
        <p className="govuk-body">
          {followUp
            ? "A Child Maintenance colleague will contact you about your feedback."
            : "You do not need to do anything else, and you can close this page."}
        </p>
      </div>
    </div>
  );
}
