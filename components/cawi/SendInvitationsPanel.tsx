import { Button } from "@/components/govuk";
import type { InvitationSummary } from "@/lib/cawi/send-invitations";

const n = (v: number) => v.toLocaleString("en-GB");

/** The sample page's online invitations: counts, the outcome of the last send, and the button (a plain form post). */
export function SendInvitationsPanel({
  sampleId,
  summary,
  notice,
  action,
}: {
  sampleId: string;
  summary: InvitationSummary;
  notice: { kind: "sent"; sent: number; skipped: number } | { kind: "error"; message: string } | null;
  action: (formData: FormData) => Promise<void>;
}) {
  return (
    <section aria-labelledby="invitations-heading">
      <h2 className="govuk-heading-m" id="invitations-heading">
        Online invitations
      </h2>
      {notice?.kind === "sent" && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="invitations-notice">
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="invitations-notice">
              Success
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {n(notice.sent)} {notice.sent === 1 ? "invitation" : "invitations"} sent, {n(notice.skipped)} {notice.skipped === 1 ? "case" : "cases"} not
              invited
            </p>
          </div>
        </div>
      )}
      {notice?.kind === "error" && (
        <div className="govuk-error-summary" role="alert" aria-labelledby="invitations-error">
          <h3 className="govuk-error-summary__title" id="invitations-error">
            There is a problem
          </h3>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{notice.message}</p>
          </div>
        </div>
      )}
      <dl className="govuk-summary-list">
        {(
          [
            ["Invited", summary.invited],
            ["Completed online", summary.completed],
            ["Reminders sent", summary.reminders],
            ["Online cases not yet invited", summary.notInvited],
          ] as const
        ).map(([label, value]) => (
          <div className="govuk-summary-list__row" key={label}>
            <dt className="govuk-summary-list__key">{label}</dt>
            <dd className="govuk-summary-list__value">{n(value)}</dd>
          </div>
        ))}
      </dl>
      <form action={action} method="post">
        <input type="hidden" name="sampleId" value={sampleId} />
        <p className="govuk-body">
          Each case gets an email, else a text message to a mobile, else a letter with an access code. Cases already invited, finished, of a full quota cell or
          on the do-not-contact register are not invited.
        </p>
        <Button>Send invitations</Button>
      </form>
    </section>
  );
}
