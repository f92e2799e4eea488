import Link from "next/link";
import { samplePeriodCode, type SamplePeriod, type SampleSurvey } from "@/lib/sampling/surveys";
import { formatDateTime, formatNumber } from "@/lib/format";

const MODE = { PHONE: "Telephone", ONLINE: "Online", MIXED: "Mixed" } as const;

export interface SampleListRow {
  id: string;
  survey: SampleSurvey;
  period: SamplePeriod;
  month: string;
  sequence: number;
  mode: keyof typeof MODE;
  population: number;
  eligible: number;
  drawn: number;
  drawnAt: Date;
  drawnBy: { name: string } | null;
}

/** Samples per survey and contact period (a month, or a CES quarter). */
export function SampleList({ samples }: { samples: SampleListRow[] }) {
  if (samples.length === 0) return <p className="govuk-body">No samples have been drawn yet.</p>;
  return (
    <table className="govuk-table" data-testid="sample-list">
      <caption className="govuk-table__caption govuk-table__caption--m">Samples by contact period and survey</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Contact period</th>
          <th scope="col" className="govuk-table__header">Survey</th>
          <th scope="col" className="govuk-table__header">Mode</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Population</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Eligible</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Drawn</th>
          <th scope="col" className="govuk-table__header">Drawn by</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {samples.map((s) => (
          <tr className="govuk-table__row" key={s.id}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" href={`/samples/${s.id}`}>
                {samplePeriodCode(s)}
                {s.sequence > 1 ? ` top-up ${s.sequence - 1}` : ""}
                <span className="govuk-visually-hidden"> {s.survey} sample</span>
              </Link>
            </td>
            <td className="govuk-table__cell">{s.survey === "OPTIONS" ? "Options" : s.survey}</td>
            <td className="govuk-table__cell">{MODE[s.mode]}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.population)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.eligible)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(s.drawn)}</td>
            <td className="govuk-table__cell">
              {s.drawnBy?.name ?? "command line"}, {formatDateTime(s.drawnAt)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
