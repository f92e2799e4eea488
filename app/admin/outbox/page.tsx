import { OutboxTable } from "@/components/cawi/OutboxTable";
import { requireRole } from "@/lib/auth/session";
import { listOutbox } from "@/lib/cawi/outbox";
import { notifyConfigured } from "@/lib/cawi/sender";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Outbox" });

export default staffPage(async function OutboxPage() {
  await requireRole("outbox:view");
  const messages = await listOutbox({ take: 500 });
  return (
    <>
      <span className="govuk-caption-l">Online survey</span>
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body">
        {notifyConfigured()
          ? "Email and text messages are sent through GOV.UK Notify; letters stay here for the mail house."
          : "GOV.UK Notify is not set up (no NOTIFY_API_KEY), so invitations are kept here and not sent."}{" "}
        This page shows contact details and personal links: do not share it.
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href="/admin/outbox/letters" download>
          Download the letter batch for the mail house (CSV)
        </a>
        : each letter&apos;s case, service and client reference (the mail house adds the address from its client record) and access code.
      </p>
      <OutboxTable messages={messages} />
    </>
  );
});
