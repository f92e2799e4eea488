import { formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";
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
      <Table
        caption={`Rejected rows${total > errors.length ? ` (the first ${formatNumber(errors.length)} of ${formatNumber(total)} problems)` : ""}`}
        data-testid="import-errors"
        rows={errors}
        rowKey={(e, i) => `${e.line}-${e.column}-${i}`}
        columns={[
          { header: "Line", numeric: true, cell: (e) => e.line },
          { header: "Column", cell: (e) => e.column ?? "(whole row)" },
          { header: "Problem", cell: (e) => e.message },
        ]}
      />
      <p className="govuk-body">
        <a className="govuk-link" href={downloadHref} download>
          Download all {formatNumber(total)} problems (CSV)
        </a>
      </p>
    </>
  );
}
