import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EligibilityShareForm } from "@/components/fieldwork/ControlForms";
import { RatesTable } from "@/components/fieldwork/RatesTable";
import { Table } from "@/components/govuk/Table";
import { requireRole } from "@/lib/auth/session";
import { getSampleReport } from "@/lib/fieldwork/db/report";
import { formatDay, formatNumber } from "@/lib/format";
import { pageParams, sampleIdParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findReport = cache((sampleId: string) => getSampleReport({ sampleId }));

export const generateMetadata = recordMetadata(sampleIdParams, "Outcome rates", ({ sampleId }) => findReport(sampleId));

const MODE = { PHONE: "Telephone", ONLINE: "Online" } as Record<string, string>;

export default staffPage(async function SampleRatesPage({ params }: { params: Promise<{ sampleId: string }> }) {
  await requireRole("fieldwork:monitor");
  const { sampleId } = await pageParams(sampleIdParams, params);
  const report = await findReport(sampleId);
  if (!report) notFound();
  const { overall } = report;
  const weeks = report.byWeek.slice(-8);
  const base = `/supervisor/fieldwork/${sampleId}/export`;
  return (
    <>
      <span className="govuk-caption-l">Control room</span>
      <h1 className="govuk-heading-l">Outcome rates: {report.label}</h1>
      <p className="govuk-body">
        AAPOR rates of the sample&apos;s {overall.cases.toLocaleString("en-GB")} cases, telephone and online together, each case as its disposition stands now
        (fieldwork.md &quot;Outcome rates&quot;). Open a figure to see the counts it divides. Per mode and per week, a case counts in the mode and week of its
        latest outcome (a case not yet tried, in its sample&apos;s first mode; it has no week).
      </p>
      <p className="govuk-body" data-testid="e-used">
        e used: <strong>{overall.e === null ? "n/a (no case of known eligibility yet)" : overall.e.toFixed(3)}</strong>, {overall.eMethod}.
      </p>
      <RatesTable
        caption="Whole sample and by mode"
        groups={[{ name: "Whole sample", report: overall }, ...report.byMode.map((m) => ({ name: MODE[m.mode] ?? m.mode, report: m.report }))]}
      />
      {weeks.length > 0 && (
        <RatesTable
          caption={`By week (Monday to Sunday)${report.byWeek.length > 8 ? ", the last 8" : ""}`}
          groups={weeks.map((w) => ({ name: `Week of ${formatDay(w.week)}`, report: w.report }))}
        />
      )}
      <h2 className="govuk-heading-m">Cases by disposition</h2>
      <Table
        caption={`Cases by disposition, ${report.label}`}
        captionSize="hidden"
        compact
        rows={report.dispositions}
        rowKey={(d) => d.code}
        columns={[
          { header: "Code", cell: (d) => d.code },
          { header: "Disposition", cell: (d) => d.label },
          { header: "Group", cell: (d) => d.group },
          { header: "Cases", numeric: true, cell: (d) => formatNumber(d.count) },
        ]}
      />
      <h2 className="govuk-heading-m">Set e</h2>
      <EligibilityShareForm sampleId={sampleId} current={overall.eSource === "supervisor" ? overall.e : null} />
      <h2 className="govuk-heading-m">Exports</h2>
      <p className="govuk-body">For checking elsewhere; no phone numbers, emails or names (interviewers appear as codes).</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>
          <a className="govuk-link" href={`${base}?format=csv&what=calls`}>
            Call history (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}?format=csv&what=dispositions`}>
            Dispositions (CSV)
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}?format=xlsx`}>
            Call history and dispositions (XLSX)
          </a>
        </li>
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" href="/supervisor/fieldwork">
          Back to the control room
        </Link>
      </p>
    </>
  );
});
