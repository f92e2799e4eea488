import { stratumLabel } from "@/lib/sampling/strata";
import { formatNumber } from "@/lib/format";

export interface StratumRow {
  stratum: string;
  population: number;
  eligible: number;
  allocated: number;
  drawn: number;
}


/** Strata (quarter x line of business x client role) with N before and after exclusions, n_h and the design weight. */
export function StrataTable({ strata, drawn, caption = "Strata" }: { strata: StratumRow[]; drawn: boolean; caption?: string }) {
  const total = strata.reduce((t, s) => ({ population: t.population + s.population, eligible: t.eligible + s.eligible, n: t.n + (drawn ? s.drawn : s.allocated) }), { population: 0, eligible: 0, n: 0 });
  return (
    <table className="govuk-table" data-testid="strata">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Stratum</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Population</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Eligible</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">{drawn ? "Drawn" : "To draw"}</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Design weight</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {strata.map((s) => {
          const size = drawn ? s.drawn : s.allocated;
          return (
            <tr className="govuk-table__row" key={s.stratum}>
              <th scope="row" className="govuk-table__header">
                {stratumLabel(s.stratum)}
                <br />
                <code className="govuk-body-s">{s.stratum}</code>
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.population)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.eligible)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(size)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{size > 0 ? (s.eligible / size).toFixed(2) : "–"}</td>
            </tr>
          );
        })}
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">Total</th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(total.population)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(total.eligible)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(total.n)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric"></td>
        </tr>
      </tbody>
    </table>
  );
}
