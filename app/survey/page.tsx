import Link from "next/link";
import { cache } from "react";
import { Button, ErrorSummary } from "@/components/govuk";
import { QuestionScreen, answerFieldId } from "@/components/questionnaire/QuestionScreen";
import { currentTime } from "@/lib/clock";
import { getRespondentView, type RespondentView } from "@/lib/cawi/respondent";
import { currentInvitationId } from "@/lib/cawi/session";
import { SurveyUnavailable } from "./unavailable/SurveyUnavailable";
import { surveyTitle } from "./titles";

// The online questionnaire, one screen per page (issue 13). Plain form posts;
// the screen to show comes from where the respondent stands, or ?screen= for
// Back (and walking forward again through kept answers).

type Search = Promise<{ screen?: string; error?: string }>;

// One read per request: the title (generateMetadata) and the page share it.
const viewOf = cache(async (invitationId: string | null, screen: string | undefined, error: string | undefined) =>
  getRespondentView({ invitationId, screenId: screen, errorCode: error, now: currentTime() }),
);

async function view(searchParams: Search): Promise<RespondentView> {
  const { screen, error } = await searchParams;
  return viewOf(await currentInvitationId(), screen, error);
}

export async function generateMetadata({ searchParams }: { searchParams: Search }) {
  const v = await view(searchParams);
  switch (v.kind) {
    case "screen":
      return surveyTitle(`${v.error ? "Error: " : ""}Question ${v.number} of ${v.total}`);
    case "start":
      return surveyTitle("Before you start");
    case "completed":
      return surveyTitle("You have already completed this survey");
    case "quota-full":
      return surveyTitle("Thank you");
    default:
      return surveyTitle("This survey link cannot be used");
  }
}

export default async function SurveyPage({ searchParams }: { searchParams: Search }) {
  const v = await view(searchParams);
  switch (v.kind) {
    case "unavailable":
      return <SurveyUnavailable />;
    case "completed":
      return (
        <Narrow>
          <h1 className="govuk-heading-l">You have already completed this survey</h1>
          <p className="govuk-body">Thank you for taking part. Your answers have been saved and you do not need to do anything else.</p>
        </Narrow>
      );
    case "quota-full":
      return (
        <Narrow>
          <h1 className="govuk-heading-l">Thank you</h1>
          <p className="govuk-body">We have now heard from enough people in your group, so we do not need to ask you any more questions.</p>
          <p className="govuk-body">Thank you for your time. You do not need to do anything else.</p>
        </Narrow>
      );
    case "start":
      return (
        <Narrow>
          <h1 className="govuk-heading-l">Child Maintenance customer survey</h1>
          <p className="govuk-body">The Department for Work and Pensions wants to know what you think of the Child Maintenance Service, to help improve it.</p>
          <h2 className="govuk-heading-m">Your answers are confidential</h2>
          <p className="govuk-body">
            Your answers will be kept confidential. They will not be passed to the Child Maintenance Service in a way that identifies you, and taking part or
            not will not affect your case.
          </p>
          <h2 className="govuk-heading-m">You can stop at any time</h2>
          <p className="govuk-body">
            Taking part is voluntary. You do not have to answer any question you do not want to, and you can stop at any time. Each answer is saved as you go:
            you can save and come back later with the same link or access code.
          </p>
          <form action="/survey/start" method="post">
            <Button variant="start">Start now</Button>
          </form>
          <p className="govuk-body">
            <Link className="govuk-link" href="/survey/withdraw">
              I do not want to take part
            </Link>
          </p>
        </Narrow>
      );
    case "screen":
      return (
        <>
          {v.previous && (
            <Link href={`/survey?screen=${encodeURIComponent(v.previous)}`} className="govuk-back-link">
              Back
            </Link>
          )}
          <Narrow>
            <ErrorSummary errors={v.error ? [{ field: answerFieldId(), message: v.error }] : []} />
            <form action="/survey/answer" method="post" noValidate>
              <input type="hidden" name="screenId" value={v.screen.id} />
              <input type="hidden" name="expectedRevision" value={v.revision} />
              <QuestionScreen
                screen={v.screen}
                caseAttributes={v.caseAttributes}
                mode="ONLINE"
                fields={v.fields}
                error={v.error}
                caption={`Question ${v.number} of ${v.total}`}
              />
              <div className="govuk-button-group">
                <Button name="intent" value="continue">
                  Continue
                </Button>
                <Button name="intent" value="save" variant="secondary">
                  Save and come back later
                </Button>
              </div>
            </form>
            <p className="govuk-body">
              <Link className="govuk-link" href="/survey/withdraw">
                I do not want to take part
              </Link>
            </p>
          </Narrow>
        </>
      );
  }
}

function Narrow({ children }: { children: React.ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">{children}</div>
    </div>
  );
}
