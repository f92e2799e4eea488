import { RATE_CATEGORIES } from "@/lib/cati/dispositions";
import { formatRateOrNa, type RateReport } from "@/lib/fieldwork/rates";

const fmtCount = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? v.toLocaleString("en-GB") : v.toFixed(2));

/**
 * Outcome rates of one or more groups of cases (issue 15): each figure opens to the
 * numerator and denominator it was computed from; each row names its formula.
 * "n/a" where the denominator is zero.
 */
export function RatesTable({ caption, groups }: { caption: string; groups: { name: string; report: RateReport }[] }) {
  const names = groups[0]?.report.figures.map((f) => f.name) ?? [];
  return (
    <div className="fw-table-scroll">
      <table className="govuk-table govuk-!-font-size-16">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Rate</th>
            {groups.map((g) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={g.name}>{g.name}</th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {names.map((name) => (
            <tr className="govuk-table__row" key={name}>
              <th scope="row" className="govuk-table__header">
                {name} <span className="govuk-body-s govuk-!-font-weight-regular">= {groups[0].report.figures.find((f) => f.name === name)!.formula}</span>
              </th>
              {groups.map((g) => {
                const f = g.report.figures.find((x) => x.name === name)!;
                return (
                  <td className="govuk-table__cell govuk-table__cell--numeric" key={g.name}>
                    <details>
                      <summary>{formatRateOrNa(f.value)}<span className="govuk-visually-hidden"> {name}, {g.name}: show the counts</span></summary>
                      {fmtCount(f.numerator)} / {fmtCount(f.denominator)}
                    </details>
                  </td>
                );
              })}
            </tr>
          ))}
          {RATE_CATEGORIES.map((c) => (
            <tr className="govuk-table__row" key={c}>
              <th scope="row" className="govuk-table__header">Cases {c}</th>
              {groups.map((g) => (
                <td className="govuk-table__cell govuk-table__cell--numeric" key={g.name}>{g.report.counts[c].toLocaleString("en-GB")}</td>
              ))}
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">e used</th>
            {groups.map((g) => (
              <td className="govuk-table__cell govuk-table__cell--numeric" key={g.name}>{g.report.e === null ? "n/a" : g.report.e.toFixed(3)}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
