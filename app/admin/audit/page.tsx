import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/users/manage";
import { formatDateTimeSeconds } from "@/lib/format";

export const metadata: Metadata = { title: "Audit log" };


export default async function AuditPage() {
  await requireRole("audit:view");
  const events = await listAuditEvents({ take: 200 });
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">The latest 200 events, newest first. Events cannot be changed or deleted.</p>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Audit events</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">When (UK time)</th>
            <th scope="col" className="govuk-table__header">Who</th>
            <th scope="col" className="govuk-table__header">What</th>
            <th scope="col" className="govuk-table__header">Details</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {events.map((e) => (
            <tr className="govuk-table__row" key={e.id.toString()}>
              <td className="govuk-table__cell">{formatDateTimeSeconds(e.at)}</td>
              <td className="govuk-table__cell">{e.actor ? e.actor.name : "—"}</td>
              <td className="govuk-table__cell">{e.action}</td>
              <td className="govuk-table__cell"><code>{e.details ? JSON.stringify(e.details) : ""}</code></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
