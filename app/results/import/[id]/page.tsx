import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RowErrors } from "@/components/results/RowErrors";
import { requireRole } from "@/lib/auth/session";
import { getImport } from "@/lib/results/db/imports-list";

export const metadata: Metadata = { title: "Response import" };

export default async function ResponseImportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("results:view");
  const imp = await getImport((await params).id);
  if (!imp) notFound();
  return (
    <>
      <Link href="/results/import" className="govuk-back-link">Back to imports</Link>
      <h1 className="govuk-heading-l">Import of {imp.fileName}</h1>
      <dl className="govuk-summary-list">
        {([
          ["When", `${imp.startedAt} by ${imp.by ?? "the command line"}`],
          ["Outcome", `${imp.status}${imp.strict ? " (strict)" : ""}${imp.fileError ? `: ${imp.fileError}` : ""}`],
          ["Rows", String(imp.rows)],
          ["Inserted / updated / rejected", `${imp.inserted} / ${imp.updated} / ${imp.rejected}`],
        ] as const).map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}><dt className="govuk-summary-list__key">{k}</dt><dd className="govuk-summary-list__value">{v}</dd></div>
        ))}
      </dl>
      {imp.errors.length ? <RowErrors errors={imp.errors} total={imp.errors.length} caption="Problems found, by line" /> : <p className="govuk-body">No problems were found.</p>}
    </>
  );
}
