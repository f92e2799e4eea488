import type { Metadata } from "next";
import { DispositionOverview } from "@/components/cati/DispositionOverview";
import { requireRole } from "@/lib/auth/session";
import { getFieldworkOverview } from "@/lib/cati/db/overview";

export const metadata: Metadata = { title: "Fieldwork overview" };

export default async function SupervisorHome() {
  const user = await requireRole("fieldwork:monitor");
  const samples = await getFieldworkOverview();
  return (
    <>
      <span className="govuk-caption-l">Supervisor – {user.name}</span>
      <h1 className="govuk-heading-l">Fieldwork overview</h1>
      <h2 className="govuk-heading-l">Dispositions and response rates</h2>
      <p className="govuk-body">
        The latest samples, each with its cases by AAPOR disposition and its outcome rates. Cases still being worked count as their disposition
        now.
      </p>
      {samples.length === 0 ? <p className="govuk-body">No samples have been drawn yet.</p> : samples.map((s) => <DispositionOverview sample={s} key={s.sampleId} />)}
      <h2 className="govuk-heading-l">Still to come</h2>
      <div className="govuk-inset-text">This part of Fieldwork is not built yet. Nothing below is live data.</div>
      <ul className="govuk-list govuk-list--bullet">
        <li>each month&apos;s samples, with the exclusion waterfall and strata (see Samples);</li>
        <li>quota cells: target, completes, partials, cases in progress and remaining sample.</li>
      </ul>
    </>
  );
}
