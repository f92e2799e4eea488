import type { Metadata } from "next";
import Link from "next/link";
import { FrameUploadForm } from "@/components/sampling/FrameUploadForm";
import { ImportList } from "@/components/sampling/ImportList";
import { requireRole } from "@/lib/auth/session";
import { listFrameImports } from "@/lib/sampling/db/queries";
import { frameUploadErrorMessage } from "@/lib/sampling/upload-errors";
import { frameColumnGuide } from "@/lib/sampling/frame/column-guide";
import { Table } from "@/components/govuk/Table";
import { staffMetadata, staffPage } from "@/lib/http/page";

type Search = { searchParams: Promise<{ error?: string | string[] }> };

export const generateMetadata = staffMetadata(async function metadata({ searchParams }: Search): Promise<Metadata> {
  const error = frameUploadErrorMessage((await searchParams).error);
  return { title: `${error ? "Error: " : ""}Sampling frame` };
});

export default staffPage(async function FramePage({ searchParams }: Search) {
  await requireRole("frame:import");
  // Set when the plain (JavaScript-off) upload was sent back by the route.
  const uploadError = frameUploadErrorMessage((await searchParams).error);
  const imports = await listFrameImports({ take: 20 });
  return (
    <>
      <h1 className="govuk-heading-l">Sampling frame</h1>
      <p className="govuk-body">
        Import the monthly admin extract of clients and their contacts. A client already in the frame is updated when the file has a later contact; earlier
        contacts are kept as history. Clients on the{" "}
        <Link className="govuk-link" href="/frame/do-not-contact">
          do-not-contact register
        </Link>{" "}
        stay on it whatever the file says.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FrameUploadForm uploadError={uploadError} />
          <p className="govuk-body">
            <a className="govuk-link" href="/api/frame/template" download>
              Download a template file (CSV)
            </a>{" "}
            with every column and two example rows.
          </p>
          <details className="govuk-details" data-testid="frame-columns">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Columns and the values they take</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                Columns may come in any order. Other columns are refused unless their names start with x_ (kept in the file, ignored).
              </p>
              <Table
                caption="Frame columns"
                captionSize="hidden"
                rows={frameColumnGuide()}
                rowKey={(g) => g.column}
                columns={[
                  { header: "Column", cell: (g) => <code>{g.column}</code> },
                  { header: "Required", cell: (g) => (g.required ? "Yes" : "No") },
                  { header: "Values", cell: (g) => <span className="fw-wrap-anywhere">{g.values}</span> },
                ]}
              />
            </div>
          </details>
        </div>
      </div>
      <ImportList imports={imports} />
    </>
  );
});
