import Link from "next/link";
import { ErrorSummary } from "@/components/ErrorSummary";
import { ResultsForm } from "@/components/results/ResultsForm";
import { ResultsView } from "@/components/results/ResultsView";
import { requireRole } from "@/lib/auth/session";
import { resultsPageData } from "@/lib/results/db/results-page";
import { resultsQueryString } from "@/lib/results/results-request";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Results" });

const FORM_FIELDS = ["survey", "measure", "statistic", "from", "to", "by", "weights", "targetSet", "minimumBase"];

export default staffPage(async function ResultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("results:view");
  const data = await resultsPageData(await searchParams);
  const errorField = data.error && (FORM_FIELDS.includes(data.error.field) ? data.error.field : data.request.weights !== "none" ? "weights" : "survey");
  return (
    <>
      {data.error && <ErrorSummary errors={[{ field: errorField ?? undefined, message: data.error.message }]} />}
      <h1 className="govuk-heading-l">Results</h1>
      <p className="govuk-body">
        Weighted results with their bases and 95% confidence intervals.{" "}
        <Link className="govuk-link" href="/results/import">
          Import responses or population targets
        </Link>
        .
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <ResultsForm data={data} errorField={errorField ?? undefined} errorMessage={data.error?.message} />
        </div>
        <div className="govuk-grid-column-three-quarters">
          {data.report ? (
            <ResultsView report={data.report} query={resultsQueryString(data.request)} />
          ) : (
            <p className="govuk-body">Choose what to show and press Show results.</p>
          )}
        </div>
      </div>
    </>
  );
});
