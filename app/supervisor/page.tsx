import Link from "next/link";
import { DispositionOverview } from "@/components/cati/DispositionOverview";
import { requireRole } from "@/lib/auth/session";
import { getFieldworkOverview } from "@/lib/cati/db/overview";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Fieldwork overview" });

export default staffPage(async function SupervisorHome() {
  const user = await requireRole("fieldwork:monitor");
  const samples = await getFieldworkOverview();
  return (
    <>
      <span className="govuk-caption-l">Supervisor – {user.name}</span>
      <h1 className="govuk-heading-l">Fieldwork overview</h1>
      <h2 className="govuk-heading-l">Dispositions and response rates</h2>
      <p className="govuk-body">
        The latest samples, each with its cases by AAPOR disposition and its outcome rates. Cases still being worked count as their disposition now.
      </p>
      {samples.length === 0 ? (
        <p className="govuk-body">No samples have been drawn yet.</p>
      ) : (
        samples.map((s) => <DispositionOverview sample={s} key={s.sampleId} />)
      )}
      <h2 className="govuk-heading-l">Quotas and samples</h2>
      <p className="govuk-body">
        Quota cells, with each cell&apos;s target, completes, partials, cases in progress and remaining sample, are on the{" "}
        <Link href="/supervisor/quotas" className="govuk-link">
          Quotas
        </Link>{" "}
        page; each month&apos;s exclusion waterfall and strata are under{" "}
        <Link href="/samples" className="govuk-link">
          Samples
        </Link>
        .
      </p>
    </>
  );
});
