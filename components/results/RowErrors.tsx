import type { RowError } from "@/lib/results/response-csv";

/** Rejected rows of an import: line, column, problem. */
export function RowErrors({ errors, total, caption }: { errors: readonly RowError[]; total: number; caption: string }) {
  if (errors.length === 0) return null;
  return (
    <table className="govuk-table" data-testid="row-errors">
      <caption className="govuk-table__caption govuk-table__caption--s">{caption}{total > errors.length ? ` (the first ${errors.length} of ${total})` : ""}</caption>
      <thead className="govuk-table__head"><tr className="govuk-table__row">
        <th scope="col" className="govuk-table__header govuk-table__header--numeric">Line</th>
        <th scope="col" className="govuk-table__header">Column</th>
        <th scope="col" className="govuk-table__header">Problem</th>
      </tr></thead>
      <tbody className="govuk-table__body">
        {errors.map((e, i) => (
          <tr className="govuk-table__row" key={i}>
            <td className="govuk-table__cell govuk-table__cell--numeric">{e.line}</td>
            <td className="govuk-table__cell">{e.column ?? "–"}</td>
            <td className="govuk-table__cell">{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
