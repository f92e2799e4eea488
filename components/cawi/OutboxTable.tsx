import type { OutboxEntry } from "@/lib/cawi/outbox";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

const CHANNEL: Record<string, string> = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" };
const KIND: Record<string, string> = { INVITATION: "invitation", REMINDER: "reminder", FEEDBACK_REQUEST: "feedback request" };
const STATUS: Record<string, string> = { LOCAL: "In the local outbox", PENDING: "Waiting to send", SENT: "Sent by GOV.UK Notify", FAILED: "Not sent" };

/** The outbox, newest first. Long links wrap so the table fits a narrow screen. */
export function OutboxTable({ messages }: { messages: OutboxEntry[] }) {
  if (messages.length === 0) return <p className="govuk-body">No invitations have been sent yet.</p>;
  return (
    <Table
      caption={`Messages (${formatNumber(messages.length)})`}
      rows={messages}
      rowKey={(m) => m.id}
      columns={[
        { header: "Created", cell: (m) => formatDateTime(m.createdAt) },
        { header: "Message", cell: (m) => `${CHANNEL[m.channel] ?? m.channel} ${KIND[m.kind] ?? "invitation"}` },
        { header: "To", className: "fw-wrap-anywhere", cell: (m) => m.to },
        {
          header: "Link or access code",
          className: "fw-wrap-anywhere",
          cell: (m) => (
            <>
              {m.link && (
                <a className="govuk-link" href={m.link} rel="noreferrer">
                  {m.link}
                </a>
              )}
              {m.accessCode && (
                <div>
                  Access code <strong>{m.accessCode}</strong>
                </div>
              )}
              {!m.link && !m.accessCode && "Not kept"}
            </>
          ),
        },
        {
          header: "Status",
          cell: (m) => (
            <>
              {STATUS[m.status] ?? m.status}
              {m.error && <div className="govuk-body-s govuk-!-margin-bottom-0">{m.error}</div>}
            </>
          ),
        },
      ]}
    />
  );
}
