import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listAuditEvents } from "@/lib/users/manage";
import { formatDateTimeSeconds } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

export const metadata: Metadata = { title: "Audit log" };


export default async function AuditPage() {
  await requireRole("audit:view");
  const events = await listAuditEvents({ take: 200 });
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">The latest 200 events, newest first. Events cannot be changed or deleted.</p>
      <Table
        caption="Audit events"
        captionSize="hidden"
        rows={events}
        rowKey={(e) => e.id.toString()}
        columns={[
          { header: "When (UK time)", cell: (e) => formatDateTimeSeconds(e.at) },
          { header: "Who", cell: (e) => (e.actor ? e.actor.name : "—") },
          { header: "What", cell: (e) => e.action },
          { header: "Details", cell: (e) => <code>{e.details ? JSON.stringify(e.details) : ""}</code> },
        ]}
      />
    </>
  );
}
