import Link from "next/link";
import { formatDateTime, formatNumber } from "@/lib/format";

const STATUS: Record<string, { label: string; tag: string }> = {
  RUNNING: { label: "Running", tag: "govuk-tag--blue" },
  COMPLETED: { label: "Imported", tag: "govuk-tag--green" },
  REJECTED: { label: "Nothing imported", tag: "govuk-tag--red" },
  FAILED: { label: "Failed", tag: "govuk-tag--red" },
};

export interface ImportListRow {
  id: bigint | string;
  fileName: string;
  status: string;
  startedAt: Date;
  rows: number;
  inserted: number;
  updated: number;
  rejected: number;
  by: { name: string } | null;
}

export function ImportList({ imports }: { imports: ImportListRow[] }) {
  if (imports.length === 0) return <p className="govuk-body">No frame has been imported yet.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Recent imports</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">File</th>
          <th scope="col" className="govuk-table__header">When (UK time)</th>
          <th scope="col" className="govuk-table__header">By</th>
          <th scope="col" className="govuk-table__header">Result</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">New</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Updated</th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rejected</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {imports.map((i) => (
          <tr className="govuk-table__row" key={i.id.toString()}>
            <td className="govuk-table__cell">
              <Link className="govuk-link" href={`/frame/imports/${i.id}`}>{i.fileName}</Link>
            </td>
            <td className="govuk-table__cell">{formatDateTime(i.startedAt)}</td>
            <td className="govuk-table__cell">{i.by?.name ?? "command line"}</td>
            <td className="govuk-table__cell">
              <strong className={`govuk-tag ${STATUS[i.status]?.tag ?? ""}`}>{STATUS[i.status]?.label ?? i.status}</strong>
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(i.inserted)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(i.updated)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(i.rejected)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
