import { surveyTitle } from "@/app/survey/titles";
import { FeedbackForm } from "@/components/feedback/FeedbackForm";
import { currentTime } from "@/lib/clock";
import { getFeedbackView } from "@/lib/feedback/respondent";
import { currentFeedbackRequestId } from "@/lib/feedback/session";

export const metadata = surveyTitle("Tell us about your contact");

// Real-time feedback (issue 14): RTCF-1 on one page, straight after a contact.
export default async function FeedbackPage({ searchParams }: { searchParams: Promise<{ busy?: string }> }) {
  const { busy } = await searchParams;
  const view = await getFeedbackView({ requestId: await currentFeedbackRequestId(), now: currentTime() });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {view.kind === "form" ? (
          <>
            <h1 className="govuk-heading-l">Tell us about your contact</h1>
            <p className="govuk-body">Please tell us about the contact you have just had with the {view.serviceName}. It takes less than a minute.</p>
            <p className="govuk-body">Your answers are used to improve the service. They are confidential and do not affect your case.</p>
            <FeedbackForm />
          </>
        ) : view.kind === "answered" ? (
          <>
            <h1 className="govuk-heading-l">You have already sent your feedback</h1>
            <p className="govuk-body">Thank you. You do not need to do anything else.</p>
          </>
        ) : (
          <>
            <h1 className="govuk-heading-l">This feedback link cannot be used</h1>
            <p className="govuk-body">
              {busy
                ? "There have been too many attempts from your connection. Wait 10 minutes and try again."
                : "The link may be incomplete or may have expired."}
            </p>
          </>
        )}
      </div>
    </div>
  );
}
