import type { Metadata } from "next";
import Link from "next/link";
import { ImportResponsesForm, SaveTargetSetForm } from "@/components/results/ImportForms";
import { requireRole } from "@/lib/auth/session";
import { listRecentImports } from "@/lib/results/db/imports-list";

export const metadata: Metadata = { title: "Import responses and targets" };

export default async function ResultsImportPage() {
  await requireRole("results:view");
  const imports = await listRecentImports();
  return (
    <>
      <Link href="/results" className="govuk-back-link">Back to results</Link>
      <h1 className="govuk-heading-l">Import responses and targets</h1>
      <ImportResponsesForm />
      <SaveTargetSetForm />
      <h2 className="govuk-heading-m">Recent response imports</h2>
      {imports.length === 0 ? (
        <p className="govuk-body">No files have been imported yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">The last 20 imports, newest first</caption>
          <thead className="govuk-table__head"><tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">File</th>
            <th scope="col" className="govuk-table__header">When</th>
            <th scope="col" className="govuk-table__header">By</th>
            <th scope="col" className="govuk-table__header">Outcome</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Inserted</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Updated</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Rejected</th>
          </tr></thead>
          <tbody className="govuk-table__body">
            {imports.map((i) => (
              <tr className="govuk-table__row" key={i.id}>
                <th scope="row" className="govuk-table__header"><Link className="govuk-link" href={`/results/import/${i.id}`}>{i.fileName}</Link>{i.strict ? " (strict)" : ""}</th>
                <td className="govuk-table__cell">{i.startedAt}</td>
                <td className="govuk-table__cell">{i.by ?? "Command line"}</td>
                <td className="govuk-table__cell">{i.status}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{i.inserted}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{i.updated}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{i.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
