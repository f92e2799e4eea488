import { RATE_NAMES } from "@/lib/cati";
import type { SampleDispositions } from "@/lib/cati/db/overview";
import { formatPercent } from "@/lib/format";

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
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">Cases by disposition, {sample.label}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Code</th>
            <th scope="col" className="govuk-table__header">Disposition</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Cases</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {sample.byDisposition.map((d) => (
            <tr className="govuk-table__row" key={d.code}>
              <td className="govuk-table__cell">{d.code}</td>
              <td className="govuk-table__cell">{d.label}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{d.cases}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">AAPOR rates, {sample.label}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {HEADLINE_RATES.map((r) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={r}>
                {r}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          <tr className="govuk-table__row">
            {HEADLINE_RATES.map((r) => (
              <td className="govuk-table__cell govuk-table__cell--numeric" key={r}>
                {formatPercent(sample.rates.rates[r])}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">All rates for {sample.label}</span>
        </summary>
        <div className="govuk-details__text">
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            {RATE_NAMES.map((r) => (
              <div className="govuk-summary-list__row" key={r}>
                <dt className="govuk-summary-list__key">{r}</dt>
                <dd className="govuk-summary-list__value">{formatPercent(sample.rates.rates[r])}</dd>
              </div>
            ))}
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">e</dt>
              <dd className="govuk-summary-list__value">{sample.rates.e === null ? "–" : sample.rates.e.toFixed(3)} (default: eligible share of cases with known eligibility)</dd>
            </div>
          </dl>
        </div>
      </details>
    </section>
  );
}
