import { Button, Checkboxes } from "@/components/govuk";
import { currentTime } from "@/lib/clock";
import { canWithdraw } from "@/lib/cawi/respondent";
import { currentInvitationId } from "@/lib/cawi/session";
import { withdrawSurvey } from "../actions";
import { SurveyUnavailable } from "../unavailable/SurveyUnavailable";
import { surveyTitle } from "../titles";

export const metadata = surveyTitle("I do not want to take part");

export default async function WithdrawPage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const { done } = await searchParams;
  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">You have left the survey</h1>
          <p className="govuk-body">We will not ask you about this survey again. Thank you for letting us know.</p>
        </div>
      </div>
    );
  }
  if (!(await canWithdraw({ invitationId: await currentInvitationId(), now: currentTime() }))) return <SurveyUnavailable />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">I do not want to take part</h1>
        <p className="govuk-body">
          You do not have to take part. If you leave now, we will not send you reminders about this survey. Any answers you have already given are kept
          confidential.
        </p>
        <form action={withdrawSurvey}>
          <Checkboxes
            id="doNotContact"
            name="doNotContact"
            legend="Future surveys"
            options={[{ value: "yes", label: "Do not contact me about any Child Maintenance surveys in future" }]}
            small
          />
          <Button variant="warning">Leave the survey</Button>
        </form>
      </div>
    </div>
  );
}
