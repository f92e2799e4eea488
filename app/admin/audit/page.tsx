import Link from "next/link";
import { AuditFilters, AuditTable } from "@/components/admin/AuditLog";
import { requireRole } from "@/lib/auth/session";
import { auditLogChoices, auditLogQueryFrom, searchAuditLog } from "@/lib/audit/log";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Audit log" });

type Params = Record<string, string | string[] | undefined>;

export default staffPage(async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireRole("audit:view");
  const params = await searchParams;
  const parsed = auditLogQueryFrom(params);
  const query = parsed.success ? parsed.data : {};
  const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const [choices, page] = await Promise.all([auditLogChoices(), parsed.success ? searchAuditLog({ query }) : Promise.resolve({ entries: [], older: null })]);
  const filters = new URLSearchParams(Object.entries(query).filter(([k, v]) => k !== "before" && typeof v === "string") as [string, string][]);
  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Who did what, to whom and when: sign-ins, user changes, refusals, downloads, imports, draws, quota changes, phone-number reveals, invitations, and every
        call and online outcome. Events cannot be changed or deleted.
      </p>
      <AuditFilters query={query} choices={choices} errors={errors} />
      <p className="govuk-body">
        <a className="govuk-link" href={`/api/admin/audit?${filters.toString()}`} download>
          Download these events as CSV
        </a>
      </p>
      {page.entries.length === 0 ? <p className="govuk-body">No events match.</p> : <AuditTable entries={page.entries} />}
      <nav className="govuk-pagination govuk-pagination--block" aria-label="Audit log pages">
        {query.before && (
          <div className="govuk-pagination__prev">
            <Link className="govuk-link govuk-pagination__link" href={`/admin/audit?${filters.toString()}`} rel="prev">
              <span className="govuk-pagination__link-title">Newest events</span>
            </Link>
          </div>
        )}
        {page.older && (
          <div className="govuk-pagination__next">
            <Link
              className="govuk-link govuk-pagination__link"
              href={`/admin/audit?${new URLSearchParams([...filters, ["before", page.older]]).toString()}`}
              rel="next"
            >
              <span className="govuk-pagination__link-title">Older events</span>
            </Link>
          </div>
        )}
      </nav>
    </>
  );
});
