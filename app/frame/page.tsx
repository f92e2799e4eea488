import type { Metadata } from "next";
import Link from "next/link";
import { FrameUploadForm } from "@/components/sampling/FrameUploadForm";
import { ImportList } from "@/components/sampling/ImportList";
import { requireRole } from "@/lib/auth/session";
import { listFrameImports } from "@/lib/sampling/db/queries";
import { frameUploadErrorMessage } from "@/lib/sampling/upload-errors";

type Search = { searchParams: Promise<{ error?: string | string[] }> };

export async function generateMetadata({ searchParams }: Search): Promise<Metadata> {
  const error = frameUploadErrorMessage((await searchParams).error);
  return { title: `${error ? "Error: " : ""}Sampling frame` };
}

export default async function FramePage({ searchParams }: Search) {
  await requireRole("frame:import");
  // Set when the plain (JavaScript-off) upload was sent back by the route.
  const uploadError = frameUploadErrorMessage((await searchParams).error);
  const imports = await listFrameImports({ take: 20 });
  return (
    <>
      <h1 className="govuk-heading-l">Sampling frame</h1>
      <p className="govuk-body">
        Import the monthly admin extract of clients and their contacts. A client already in the frame is updated when the file has a later contact; earlier contacts are kept as history. Clients on the{" "}
        <Link className="govuk-link" href="/frame/do-not-contact">do-not-contact register</Link> stay on it whatever the file says.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FrameUploadForm uploadError={uploadError} />
        </div>
      </div>
      <ImportList imports={imports} />
    </>
  );
}
