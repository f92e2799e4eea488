import type { Metadata } from "next";
import { DoNotContactForm } from "@/components/sampling/DoNotContactForm";
import { requireRole } from "@/lib/auth/session";
import { countDoNotContact, listDoNotContact } from "@/lib/sampling/db/do-not-contact";
import { formatDate, formatNumber } from "@/lib/format";

export const metadata: Metadata = { title: "Do-not-contact register" };


export default async function DoNotContactPage() {
  await requireRole("dnc:manage");
  const [entries, total] = await Promise.all([listDoNotContact({ take: 200 }), countDoNotContact()]);
  return (
    <>
      <span className="govuk-caption-l">Sampling frame</span>
      <h1 className="govuk-heading-l">Do-not-contact register</h1>
      <p className="govuk-body">Clients on the register are never sampled, whatever a later frame file says. Clients who opt out during fieldwork are added automatically.</p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Add a client</h2>
          <DoNotContactForm />
        </div>
        <div className="govuk-grid-column-one-half">
          <h2 className="govuk-heading-m">Remove a client</h2>
          <DoNotContactForm remove />
        </div>
      </div>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">
          On the register ({formatNumber(total)}{total > entries.length ? `, latest ${entries.length}` : ""})
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Service</th>
            <th scope="col" className="govuk-table__header">Client reference</th>
            <th scope="col" className="govuk-table__header">Reason</th>
            <th scope="col" className="govuk-table__header">Added</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {entries.map((e) => (
            <tr className="govuk-table__row" key={e.id.toString()}>
              <td className="govuk-table__cell">{e.service}</td>
              <td className="govuk-table__cell">{e.clientRef}</td>
              <td className="govuk-table__cell">{e.reason}</td>
              <td className="govuk-table__cell">
                {formatDate(e.addedAt)} by {e.addedBy?.name ?? "fieldwork"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
