import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImportErrorsTable } from "@/components/sampling/ImportErrorsTable";
import { requireRole } from "@/lib/auth/session";
import { findEarlierImportOfFile, getFrameImport } from "@/lib/sampling/db/queries";
import { SeenBefore } from "@/components/sampling/FrameUploadForm";
import { formatDateTimeSeconds, formatNumber, importHeading } from "@/lib/format";
import { SummaryList } from "@/components/govuk/SummaryList";
import { pageParams, serialIdParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findImport = cache((id: string) => getFrameImport({ id, errors: 200 }));

export const generateMetadata = recordMetadata(serialIdParams, "Frame import", ({ id }) => findImport(id));

export default staffPage(async function FrameImportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("frame:import");
  const { id } = await pageParams(serialIdParams, params);
  const found = await findImport(id);
  if (!found) notFound();
  const earlier = await findEarlierImportOfFile({ importId: found.id, sha256: found.fileSha256 });
  const rows: [string, string][] = [
    ["File", found.fileName.trim() || "None given"],
    ["Imported by", found.by?.name ?? "command line"],
    ["Started", formatDateTimeSeconds(found.startedAt)],
    [
      "Result",
      found.status === "COMPLETED" ? "Imported" : found.status === "REJECTED" ? "Nothing imported" : found.status === "RUNNING" ? "Running" : "Failed",
    ],
    ["Strict", found.strict ? "Yes" : "No"],
    ["Rows in the file", formatNumber(found.rows)],
    ["New clients", formatNumber(found.inserted)],
    ["Clients updated", formatNumber(found.updated)],
    ["Older contacts kept as history", formatNumber(found.historyOnly)],
    ["Rows rejected", formatNumber(found.rejected)],
  ];
  return (
    <>
      <span className="govuk-caption-l">Sampling frame</span>
      <h1 className="govuk-heading-l">{importHeading(found)}</h1>
      {found.fileError && <div className="govuk-inset-text">{found.fileError}</div>}
      {earlier && <SeenBefore earlier={{ ...earlier, importId: earlier.id }} />}
      {found.status === "COMPLETED" && found.rejected > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {formatNumber(found.rejected)} {found.rejected === 1 ? "row was" : "rows were"} rejected and not imported: they are listed below.
          </strong>
        </div>
      )}
      <SummaryList rows={rows.map(([key, value]) => ({ key, value }))} />
      <ImportErrorsTable errors={found.errors} total={found.errorCount} downloadHref={`/api/frame/imports/${found.id}/errors`} />
      <p className="govuk-body">
        <Link className="govuk-link" href="/frame">
          Back to the sampling frame
        </Link>
      </p>
    </>
  );
});
