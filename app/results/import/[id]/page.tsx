import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RowErrors } from "@/components/results/RowErrors";
import { requireRole } from "@/lib/auth/session";
import { getImport } from "@/lib/results/db/imports-list";
import { SummaryList } from "@/components/govuk/SummaryList";
import { formatNumber, importHeading } from "@/lib/format";
import { pageParams, serialIdParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findImport = cache((id: string) => getImport({ id }));

export const generateMetadata = recordMetadata(serialIdParams, "Response import", ({ id }) => findImport(id));

export default staffPage(async function ResponseImportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("results:view");
  const { id } = await pageParams(serialIdParams, params);
  const imp = await findImport(id);
  if (!imp) notFound();
  return (
    <>
      <Link href="/results/import" className="govuk-back-link">
        Back to imports
      </Link>
      <h1 className="govuk-heading-l">{importHeading(imp)}</h1>
      <SummaryList
        rows={[
          { key: "When", value: `${imp.startedAt} by ${imp.by ?? "the command line"}` },
          { key: "Outcome", value: `${imp.status}${imp.strict ? " (strict)" : ""}${imp.fileError ? `: ${imp.fileError}` : ""}` },
          { key: "Rows", value: formatNumber(imp.rows) },
          { key: "Inserted", value: formatNumber(imp.inserted) },
          { key: "Updated", value: formatNumber(imp.updated) },
          { key: "Unchanged (the same values again)", value: formatNumber(imp.unchanged) },
          { key: "Rejected", value: formatNumber(imp.rejected) },
        ]}
      />
      {imp.errors.length ? (
        <RowErrors errors={imp.errors} total={imp.errors.length} caption="Problems found, by line" />
      ) : (
        <p className="govuk-body">No problems were found.</p>
      )}
    </>
  );
});
