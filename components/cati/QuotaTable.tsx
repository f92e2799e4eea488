import type { QuotaCellView, QuotaView } from "@/lib/cati/db/quotas";
import type { QuotaCellStatus } from "@/lib/cati";
import { CLIENT_ROLE_LABELS, CONTACT_REASON_LABELS, type ClientRole, type ContactReason } from "@/lib/interchange/codes";
import { QuotaCellToggle, QuotaTargetForm } from "./QuotaForms";
import { formatNumber } from "@/lib/format";

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
  return (
    <table className="govuk-table fw-compact-table" data-testid="quota-cells">
      <caption className="govuk-table__caption govuk-table__caption--m">
        Quota cells of {view.label}
        {view.quarter && `: contacts in ${view.quarter}`}
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Cell: parent type, contact reason
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Target
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Completes
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Partials{view.countsPartials ? " (counted)" : ""}
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Still needed
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            In progress
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Remaining sample
          </th>
          <th scope="col" className="govuk-table__header">
            Status
          </th>
          {view.hasQuotas && (
            <th scope="col" className="govuk-table__header">
              Change the target
            </th>
          )}
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {view.cells.map((c) => {
          const name = cellLabel(c);
          return (
            <tr className="govuk-table__row" key={c.stratum} data-stratum={c.stratum}>
              <th scope="row" className="govuk-table__header">
                {name}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="target">
                {formatNumber(c.target)}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="completes">
                {formatNumber(c.completes)}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="partials">
                {formatNumber(c.partials)}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="still-needed">
                {formatNumber(c.stillNeeded)}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="in-progress">
                {formatNumber(c.inProgress)}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-column="remaining">
                {formatNumber(c.remaining)}
              </td>
              <td className="govuk-table__cell" data-column="status">
                <Status cell={c} name={name} />
              </td>
              {view.hasQuotas && (
                <td className="govuk-table__cell">{c.cellId && <QuotaTargetForm cellId={c.cellId} target={c.target ?? 0} cellName={name} />}</td>
              )}
            </tr>
          );
        })}
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            Total
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{view.hasQuotas ? formatNumber(totals.target) : "–"}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(totals.completes)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(totals.partials)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">
            {view.hasQuotas ? formatNumber(view.cells.reduce((s, c) => s + (c.stillNeeded ?? 0), 0)) : "–"}
          </td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(totals.inProgress)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(totals.remaining)}</td>
          <td className="govuk-table__cell"></td>
          {view.hasQuotas && <td className="govuk-table__cell"></td>}
        </tr>
      </tbody>
    </table>
  );
}
