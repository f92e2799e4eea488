import Link from "next/link";
import { redirect } from "next/navigation";
import { BreakOffForm } from "@/components/cati/BreakOffForm";
import { InterviewForm } from "@/components/cati/InterviewForm";
import { requireRole } from "@/lib/auth/session";
import { caseIdSchema } from "@/lib/cati/action-schemas";
import { renewHold } from "@/lib/cati/db/case-screen";
import { getInterviewView } from "@/lib/cati/db/interview";
import { fieldsFromAnswer } from "@/lib/questionnaire";
import { z } from "zod";
import { optionalQuery, pageParams } from "@/lib/http/params";
import { SCREEN_ID } from "@/lib/questionnaire";
import { recordMetadata, staffPage } from "@/lib/http/page";

const interviewQuerySchema = z.object({ screen: optionalQuery(z.string().regex(SCREEN_ID)) });

export const generateMetadata = recordMetadata(caseIdSchema, "Interview");

export default staffPage(async function InterviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ caseId: string }>;
  searchParams: Promise<{ screen?: string }>;
}) {
  const user = await requireRole("cases:work");
  const { caseId } = await pageParams(caseIdSchema, params);
  const { screen: asked } = await pageParams(interviewQuerySchema, searchParams);
  // Working the interview keeps the hold alive; without the hold, the case screen explains.
  if (!(await renewHold({ caseId, interviewerId: user.id }))) redirect(`/interviewer/cases/${caseId}`);
  const view = await getInterviewView({ caseId, screenId: asked });
  if (!view) redirect(`/interviewer/cases/${caseId}`);
  const { screen, state } = view;
  const base = `/interviewer/cases/${caseId}/interview`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <InterviewForm
          caseId={caseId}
          screen={screen}
          caseAttributes={view.caseAttributes}
          fields={fieldsFromAnswer(screen, state.answers[screen.id])}
          revision={state.response.revision}
          caption={`${state.version.id} · screen ${view.number} of ${view.total} · ${screen.id}`}
          backHref={view.previous ? `${base}?screen=${view.previous}` : `/interviewer/cases/${caseId}`}
        />
        <BreakOffForm caseId={caseId} />
        <p className="govuk-body govuk-!-margin-top-6">
          <Link className="govuk-link" href={`/interviewer/cases/${caseId}`}>
            Case details and call history
          </Link>
        </p>
      </div>
    </div>
  );
});
