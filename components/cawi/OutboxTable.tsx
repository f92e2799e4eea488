import type { OutboxEntry } from "@/lib/cawi/outbox";
import { formatDateTime, formatNumber } from "@/lib/format";

const CHANNEL: Record<string, string> = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" };
const STATUS: Record<string, string> = { LOCAL: "In the local outbox", PENDING: "Waiting to send", SENT: "Sent by GOV.UK Notify", FAILED: "Not sent" };

/** The outbox, newest first. Long links wrap so the table fits a narrow screen. */
export function OutboxTable({ messages }: { messages: OutboxEntry[] }) {
  if (messages.length === 0) return <p className="govuk-body">No invitations have been sent yet.</p>;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Messages ({formatNumber(messages.length)})</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Created</th>
          <th scope="col" className="govuk-table__header">Message</th>
          <th scope="col" className="govuk-table__header">To</th>
          <th scope="col" className="govuk-table__header">Link or access code</th>
          <th scope="col" className="govuk-table__header">Status</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {messages.map((m) => (
          <tr key={m.id} className="govuk-table__row">
            <td className="govuk-table__cell">{formatDateTime(m.createdAt)}</td>
            <td className="govuk-table__cell">
              {CHANNEL[m.channel] ?? m.channel} {m.kind === "REMINDER" ? "reminder" : "invitation"}
            </td>
            <td className="govuk-table__cell" style={{ overflowWrap: "anywhere" }}>{m.to}</td>
            <td className="govuk-table__cell" style={{ overflowWrap: "anywhere" }}>
              {m.link && (
                <a className="govuk-link" href={m.link} rel="noreferrer">
                  {m.link}
                </a>
              )}
              {m.accessCode && <div>Access code <strong>{m.accessCode}</strong></div>}
              {!m.link && !m.accessCode && "Not kept"}
            </td>
            <td className="govuk-table__cell">
              {STATUS[m.status] ?? m.status}
              {m.error && <div className="govuk-body-s govuk-!-margin-bottom-0">{m.error}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
