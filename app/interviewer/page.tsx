import Link from "next/link";
import { NextCaseForm } from "@/components/cati/NextCaseForm";
import { Notice } from "@/components/cati/Notice";
import { requireRole } from "@/lib/auth/session";
import { interviewerHomeQuerySchema } from "@/lib/cati/action-schemas";
import { getInterviewerHome } from "@/lib/cati/db/home";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Next case" });

export default staffPage(async function InterviewerHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("cases:work");
  const params = interviewerHomeQuerySchema.parse(await searchParams);
  const home = await getInterviewerHome({ interviewerId: user.id });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Notice {...params} />
        <span className="govuk-caption-l">Interviewer – {user.name}</span>
        <h1 className="govuk-heading-l">Next case</h1>
        {home.heldCaseId ? (
          <>
            <p className="govuk-body">You are working on a case. Finish it (record the outcome of the call) before you take another.</p>
            <Link className="govuk-button" href={`/interviewer/cases/${home.heldCaseId}`} role="button" draggable={false}>
              Return to your case
            </Link>
          </>
        ) : (
          <>
            <p className="govuk-body">
              You get the most urgent case that is due: your own appointments first, then other due appointments, then cases to try again, then new cases. Cases
              are offered only within calling hours.
            </p>
            <NextCaseForm samples={home.samples} sampleId={params.sample} />
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" href="/interviewer/my-work">
            Your appointments today and completed interviews
          </Link>
        </p>
      </div>
    </div>
  );
});
