import type { RowError } from "@/lib/results/response-csv";
import { Table } from "@/components/govuk/Table";

/** Rejected rows of an import: line, column, problem. */
export function RowErrors({ errors, total, caption }: { errors: readonly RowError[]; total: number; caption: string }) {
  if (errors.length === 0) return null;
  return (
    <Table
      caption={`${caption}${total > errors.length ? ` (the first ${errors.length} of ${total})` : ""}`}
      captionSize="s"
      data-testid="row-errors"
      rows={errors}
      rowKey={(_, i) => i}
      columns={[
        { header: "Line", numeric: true, cell: (e) => e.line },
        { header: "Column", cell: (e) => e.column ?? "–" },
        { header: "Problem", cell: (e) => e.message },
      ]}
    />
  );
}
