import { RATE_NAMES } from "@/lib/cati";
import type { SampleDispositions } from "@/lib/cati/db/overview";
import { formatNumber, formatPercent } from "@/lib/format";
import { SummaryList } from "@/components/govuk/SummaryList";
import { Table } from "@/components/govuk/Table";

const HEADLINE_RATES = ["RR1", "RR2", "RR3", "COOP1", "REF1", "CON1"] as const;

/** One sample's cases by AAPOR disposition, and its outcome rates (fieldwork.md). */
export function DispositionOverview({ sample }: { sample: SampleDispositions }) {
  const headingId = `sample-${sample.sampleId}`;
  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-bottom-8">
      <h3 className="govuk-heading-m" id={headingId}>
        {sample.label}
      </h3>
      <p className="govuk-body">
        {sample.cases} cases ({sample.mode.toLowerCase()}): {sample.final} finished, {sample.inProgress} being called now.
      </p>
      <Table
        caption={`Cases by disposition, ${sample.label}`}
        captionSize="s"
        rows={sample.byDisposition}
        rowKey={(d) => d.code}
        columns={[
          { header: "Code", cell: (d) => d.code },
          { header: "Disposition", cell: (d) => d.label },
          { header: "Cases", numeric: true, cell: (d) => formatNumber(d.cases) },
        ]}
      />
      <Table
        caption={`AAPOR rates, ${sample.label}`}
        captionSize="s"
        rows={[sample.rates.rates]}
        rowKey={() => "rates"}
        columns={HEADLINE_RATES.map((r) => ({ header: r, numeric: true, cell: (rates: typeof sample.rates.rates) => formatPercent(rates[r]) }))}
      />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">All rates for {sample.label}</span>
        </summary>
        <div className="govuk-details__text">
          <SummaryList
            noBorder
            rows={[
              ...RATE_NAMES.map((r) => ({ key: r, value: formatPercent(sample.rates.rates[r]) })),
              { key: "e", value: `${sample.rates.e === null ? "–" : sample.rates.e.toFixed(3)} (default: eligible share of cases with known eligibility)` },
            ]}
          />
        </div>
      </details>
    </section>
  );
}
