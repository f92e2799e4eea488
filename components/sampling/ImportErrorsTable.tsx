import { formatNumber } from "@/lib/format";
export interface ImportErrorRow {
  line: number;
  column: string | null;
  message: string;
}

/** Rejected rows of a frame import: line (the header is line 1), column and reason. */
export function ImportErrorsTable({ errors, total, downloadHref }: { errors: ImportErrorRow[]; total: number; downloadHref: string }) {
  if (total === 0) return null;
  return (
    <>
      <table className="govuk-table" data-testid="import-errors">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Rejected rows{total > errors.length ? ` (the first ${formatNumber(errors.length)} of ${formatNumber(total)} problems)` : ""}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Line</th>
            <th scope="col" className="govuk-table__header">Column</th>
            <th scope="col" className="govuk-table__header">Problem</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {errors.map((e, i) => (
            <tr className="govuk-table__row" key={`${e.line}-${e.column}-${i}`}>
              <td className="govuk-table__cell govuk-table__cell--numeric">{e.line}</td>
              <td className="govuk-table__cell">{e.column ?? "(whole row)"}</td>
              <td className="govuk-table__cell">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="govuk-body">
        <a className="govuk-link" href={downloadHref} download>
          Download all {formatNumber(total)} problems (CSV)
        </a>
      </p>
    </>
  );
}
