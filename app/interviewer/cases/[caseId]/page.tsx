import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AttemptHistory } from "@/components/cati/AttemptHistory";
import { CaseDetails } from "@/components/cati/CaseDetails";
import { Introduction } from "@/components/cati/Introduction";
import { OutcomeForm } from "@/components/cati/OutcomeForm";
import { PhoneReveal } from "@/components/cati/PhoneReveal";
import { StartInterviewForm } from "@/components/cati/StartInterviewForm";
import { requireRole } from "@/lib/auth/session";
import { caseIdSchema } from "@/lib/cati/action-schemas";
import { pageParams } from "@/lib/http/params";
import { getCaseScreen } from "@/lib/cati/db/case-screen";
import { AppError } from "@/lib/errors";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findCaseScreen = cache((caseId: string, interviewerId: string) =>
  getCaseScreen({ caseId, interviewerId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "CASE_NOT_FOUND") return null;
    throw error;
  }),
);
export const generateMetadata = recordMetadata(caseIdSchema, "Case", ({ caseId }, user) => findCaseScreen(caseId, user.id));

export default staffPage(async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const user = await requireRole("cases:work");
  const { caseId } = await pageParams(caseIdSchema, params);
  const c = await findCaseScreen(caseId, user.id);
  if (!c) notFound();
  if (!c.heldByMe || c.final) {
    return (
      <>
        <h1 className="govuk-heading-l">You are not working on this case</h1>
        <p className="govuk-body">A case is shown only to the interviewer who holds it. It may have been finished, or left idle and taken by someone else.</p>
        <Link className="govuk-button" href="/interviewer" role="button" draggable={false}>
          Take your next case
        </Link>
      </>
    );
  }
  const resume = c.interview && c.interview.status !== "COMPLETE";
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{c.sampleLabel}</span>
        <h1 className="govuk-heading-l">Call the client</h1>
        <CaseDetails c={c} />
        <PhoneReveal caseId={c.id} />
        {c.version && <Introduction version={c.version} caseAttributes={c.caseAttributes} />}
        <h2 className="govuk-heading-m">Interview</h2>
        {c.version ? (
          <>
            {resume && (
              <p className="govuk-body">
                The interview was started earlier: {c.interview?.answered} screens answered. It resumes at {c.interview?.resumeAt ?? "the end"}, with the
                earlier answers kept.
              </p>
            )}
            <StartInterviewForm caseId={c.id} label={resume ? "Resume interview" : "Start interview"} />
          </>
        ) : (
          <p className="govuk-body">No telephone questionnaire is in use for this survey and month. Record the outcome of the call below.</p>
        )}
        <OutcomeForm caseId={c.id} mayLeaveMessage={c.mayLeaveMessage} hasInterview={c.interview !== null} />
        <AttemptHistory history={c.history} />
      </div>
    </div>
  );
});
