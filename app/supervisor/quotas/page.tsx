import Link from "next/link";
import { LiveRefresh } from "@/components/cati/LiveRefresh";
import { QuotaSetUpForm } from "@/components/cati/QuotaForms";
import { QuotaTable } from "@/components/cati/QuotaTable";
import { requireRole } from "@/lib/auth/session";
import { getQuotaView, listQuotaSamples } from "@/lib/cati/db/quotas";
import { formatTimeSeconds } from "@/lib/format";
import { z } from "zod";
import { optionalQuery, pageParams } from "@/lib/http/params";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Quotas" });

const quotasQuerySchema = z.object({ sample: optionalQuery(z.uuid()) });

export default staffPage(async function QuotasPage({ searchParams }: { searchParams: Promise<{ sample?: string }> }) {
  await requireRole("quotas:manage");
  const { sample } = await pageParams(quotasQuerySchema, searchParams);
  const samples = await listQuotaSamples();
  const chosen = sample ?? samples[0]?.id;
  const view = chosen ? await getQuotaView({ sampleId: chosen }) : null;
  return (
    <>
      <span className="govuk-caption-l">Supervisor</span>
      <h1 className="govuk-heading-l">Quotas</h1>
      <p className="govuk-body">
        A quota cell is a target of completed interviews for one stratum of a sample (parent type and contact reason within the month). When a cell is full, or
        you close it, its cases are no longer offered to interviewers, and a client reached in it is thanked and closed politely at the end of the introduction
        (disposition 4.80, not a refusal).
      </p>
      {samples.length === 0 ? (
        <p className="govuk-body">No samples have been drawn yet.</p>
      ) : (
        <form method="get" className="govuk-!-margin-bottom-6">
          <div className="govuk-form-group govuk-!-margin-bottom-2">
            <label className="govuk-label govuk-label--s" htmlFor="sample">
              Sample
            </label>
            <select className="govuk-select" id="sample" name="sample" defaultValue={chosen}>
              {samples.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                  {s.hasQuotas ? "" : " (no quota yet)"}
                </option>
              ))}
            </select>{" "}
            <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
              Show
            </button>
          </div>
        </form>
      )}
      {sample && !view && <p className="govuk-body">There is no such sample.</p>}
      {view && (
        <>
          <LiveRefresh seconds={10} />
          <p className="govuk-body-s" data-testid="quota-updated">
            Live: updated at {formatTimeSeconds(view.at)}, every 10 seconds.{" "}
            <Link href={`/supervisor/quotas?sample=${view.sampleId}`} className="govuk-link">
              Refresh now
            </Link>
          </p>
          {!view.hasQuotas && (
            <div className="govuk-inset-text">This sample has no quota yet: every cell is open. Set the targets below to control fieldwork by cell.</div>
          )}
          <QuotaTable view={view} />
          <p className="govuk-body-s">
            Completes are cases coded 1.1; partials 1.2 ({view.countsPartials ? "they count toward the targets" : "they do not count toward the targets"}). In
            progress: cases an interviewer holds now. Remaining sample: cases still to be worked (not finished, not held).
          </p>
          <h2 className="govuk-heading-m">{view.hasQuotas ? "Set every target again" : "Set quota targets"}</h2>
          <QuotaSetUpForm sampleId={view.sampleId} countsPartials={view.countsPartials} again={view.hasQuotas} />
        </>
      )}
    </>
  );
});
