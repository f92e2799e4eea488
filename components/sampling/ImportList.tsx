import Link from "next/link";
import { formatDateTime, formatNumber, importName } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

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
    <Table
      caption="Recent imports"
      rows={imports}
      rowKey={(i) => i.id.toString()}
      columns={[
        {
          header: "File",
          cell: (i) => (
            <Link className="govuk-link" href={`/frame/imports/${i.id}`}>
              {importName(i)}
            </Link>
          ),
        },
        { header: "When (UK time)", cell: (i) => formatDateTime(i.startedAt) },
        { header: "By", cell: (i) => i.by?.name ?? "command line" },
        { header: "Result", cell: (i) => <strong className={`govuk-tag ${STATUS[i.status]?.tag ?? ""}`}>{STATUS[i.status]?.label ?? i.status}</strong> },
        { header: "New", numeric: true, cell: (i) => formatNumber(i.inserted) },
        { header: "Updated", numeric: true, cell: (i) => formatNumber(i.updated) },
        { header: "Rejected", numeric: true, cell: (i) => formatNumber(i.rejected) },
      ]}
    />
  );
}
