import type { QuotaCellView, QuotaView } from "@/lib/cati/db/quotas";
import type { QuotaCellStatus } from "@/lib/cati";
import { CLIENT_ROLE_LABELS, CONTACT_REASON_LABELS, type ClientRole, type ContactReason } from "@/lib/interchange/codes";
import { QuotaCellToggle, QuotaTargetForm } from "./QuotaForms";
import { formatNumber } from "@/lib/format";
import { Table, type Column } from "@/components/govuk/Table";
import type { ReactNode } from "react";

/** "Receiving parent, arrears": the quarter is the sample's, the same for every cell. */
const cellLabel = (c: QuotaCellView) => {
  const role = CLIENT_ROLE_LABELS[c.role as ClientRole] ?? c.role;
  return `${role}, ${CONTACT_REASON_LABELS[c.contactReason as ContactReason] ?? c.contactReason}`;
};

const STATUS: Record<QuotaCellStatus, { text: string; tag: string }> = {
  OPEN: { text: "Open", tag: "govuk-tag--green" },
  FULL: { text: "Full", tag: "govuk-tag--blue" },
  CLOSED: { text: "Closed by a supervisor", tag: "govuk-tag--grey" },
};

function Status({ cell, name }: { cell: QuotaCellView; name: string }) {
  if (!cell.status) return <strong className="govuk-tag govuk-tag--grey">No target</strong>;
  const s = STATUS[cell.status];
  return (
    <>
      <strong className={`govuk-tag ${s.tag}`}>{s.text}</strong>
      {cell.status === "FULL" && <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">Raise the target to reopen it.</p>}
      {cell.status === "CLOSED" && cell.closedBy && <p className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">by {cell.closedBy}</p>}
      {cell.cellId && (
        <div className="govuk-!-margin-top-2">
          <QuotaCellToggle cellId={cell.cellId} closed={cell.status === "CLOSED"} cellName={name} />
        </div>
      )}
    </>
  );
}

/**
 * Each quota cell's target, completes, partials, cases in progress and remaining
 * sample (fieldwork.md "Quotas"), with the supervisor's changes in the row.
 */
export function QuotaTable({ view }: { view: QuotaView }) {
  const { totals } = view;
  const figure = (header: string, column: string, value: (c: QuotaCellView) => number | null, total: ReactNode): Column<QuotaCellView> => ({
    header,
    numeric: true,
    cellProps: { "data-column": column },
    cell: (c) => formatNumber(value(c)),
    total,
  });
  return (
    <Table
      caption={
        <>
          Quota cells of {view.label}
          {view.quarter && `: contacts in ${view.quarter}`}
        </>
      }
      compact
      data-testid="quota-cells"
      rows={view.cells}
      rowKey={(c) => c.stratum}
      rowProps={(c) => ({ "data-stratum": c.stratum })}
      columns={[
        { header: "Cell: parent type, contact reason", rowHeader: true, cell: (c) => cellLabel(c), total: "Total" },
        figure("Target", "target", (c) => c.target, view.hasQuotas ? formatNumber(totals.target) : "–"),
        figure("Completes", "completes", (c) => c.completes, formatNumber(totals.completes)),
        figure(`Partials${view.countsPartials ? " (counted)" : ""}`, "partials", (c) => c.partials, formatNumber(totals.partials)),
        figure(
          "Still needed",
          "still-needed",
          (c) => c.stillNeeded,
          view.hasQuotas ? formatNumber(view.cells.reduce((s, c) => s + (c.stillNeeded ?? 0), 0)) : "–",
        ),
        figure("In progress", "in-progress", (c) => c.inProgress, formatNumber(totals.inProgress)),
        figure("Remaining sample", "remaining", (c) => c.remaining, formatNumber(totals.remaining)),
        { header: "Status", cellProps: { "data-column": "status" }, cell: (c) => <Status cell={c} name={cellLabel(c)} />, total: null },
        view.hasQuotas && {
          header: "Change the target",
          cell: (c) => c.cellId && <QuotaTargetForm cellId={c.cellId} target={c.target ?? 0} cellName={cellLabel(c)} />,
          total: null,
        },
      ]}
    />
  );
}
