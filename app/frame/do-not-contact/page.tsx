import { DoNotContactForm } from "@/components/sampling/DoNotContactForm";
import { requireRole } from "@/lib/auth/session";
import { countDoNotContact, listDoNotContact } from "@/lib/sampling/db/do-not-contact";
import { formatDate, formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Do-not-contact register" });

export default staffPage(async function DoNotContactPage() {
  await requireRole("dnc:manage");
  const [entries, total] = await Promise.all([listDoNotContact({ take: 200 }), countDoNotContact()]);
  return (
    <>
      <span className="govuk-caption-l">Sampling frame</span>
      <h1 className="govuk-heading-l">Do-not-contact register</h1>
      <p className="govuk-body">
        Clients on the register are never sampled, whatever a later frame file says. Clients who opt out during fieldwork are added automatically.
      </p>
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
      <Table
        caption={`On the register (${formatNumber(total)}${total > entries.length ? `, latest ${entries.length}` : ""})`}
        rows={entries}
        rowKey={(e) => e.id.toString()}
        columns={[
          { header: "Service", cell: (e) => e.service },
          { header: "Client reference", cell: (e) => e.clientRef },
          { header: "Reason", cell: (e) => e.reason },
          { header: "Added", cell: (e) => `${formatDate(e.addedAt)} by ${e.addedBy?.name ?? "fieldwork"}` },
        ]}
      />
    </>
  );
});
