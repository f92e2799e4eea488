import Link from "next/link";
import { ImportResponsesForm, SaveTargetSetForm } from "@/components/results/ImportForms";
import { requireRole } from "@/lib/auth/session";
import { listRecentImports } from "@/lib/results/db/imports-list";
import { Table } from "@/components/govuk/Table";
import { formatNumber, importName } from "@/lib/format";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Import responses and targets" });

export default staffPage(async function ResultsImportPage() {
  await requireRole("results:view");
  const imports = await listRecentImports();
  return (
    <>
      <Link href="/results" className="govuk-back-link">
        Back to results
      </Link>
      <h1 className="govuk-heading-l">Import responses and targets</h1>
      <ImportResponsesForm />
      <SaveTargetSetForm />
      <h2 className="govuk-heading-m">Recent response imports</h2>
      {imports.length === 0 ? (
        <p className="govuk-body">No files have been imported yet.</p>
      ) : (
        <Table
          caption="The last 20 imports, newest first"
          captionSize="s"
          rows={imports}
          rowKey={(i) => i.id}
          columns={[
            {
              header: "File",
              rowHeader: true,
              cell: (i) => (
                <>
                  <Link className="govuk-link" href={`/results/import/${i.id}`}>
                    {importName(i)}
                  </Link>
                  {i.strict ? " (strict)" : ""}
                </>
              ),
            },
            { header: "When", cell: (i) => i.startedAt },
            { header: "By", cell: (i) => i.by ?? "Command line" },
            { header: "Outcome", cell: (i) => i.status },
            { header: "Inserted", numeric: true, cell: (i) => formatNumber(i.inserted) },
            { header: "Updated", numeric: true, cell: (i) => formatNumber(i.updated) },
            { header: "Unchanged", numeric: true, cell: (i) => formatNumber(i.unchanged) },
            { header: "Rejected", numeric: true, cell: (i) => formatNumber(i.rejected) },
          ]}
        />
      )}
    </>
  );
});
