import Link from "next/link";
import { SampleList } from "@/components/sampling/SampleList";
import { can } from "@/lib/auth/permissions";
import { requireRole } from "@/lib/auth/session";
import { listSamples } from "@/lib/sampling/db/queries";
import { mayDrawSamples } from "@/lib/sampling/db/settings";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Samples" });

export default staffPage(async function SamplesPage() {
  const user = await requireRole("samples:view");
  const [samples, mayDraw] = await Promise.all([listSamples(), can(user.role, "samples:draw") ? mayDrawSamples(user) : false]);
  return (
    <>
      <h1 className="govuk-heading-l">Samples</h1>
      <p className="govuk-body">Each month&apos;s sample of clients for the CMS and Child Maintenance Options surveys, newest month first.</p>
      {mayDraw && (
        <Link href="/samples/new" role="button" draggable={false} className="govuk-button" data-module="govuk-button">
          Draw a sample
        </Link>
      )}
      {can(user.role, "settings:manage") && (
        <p className="govuk-body">
          <Link className="govuk-link" href="/samples/settings">
            Sampling settings
          </Link>
        </p>
      )}
      <SampleList samples={samples} />
    </>
  );
});
