import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StrataTable } from "@/components/sampling/StrataTable";
import { WaterfallTable } from "@/components/sampling/WaterfallTable";
import { SendInvitationsPanel } from "@/components/cawi/SendInvitationsPanel";
import { can } from "@/lib/auth/permissions";
import { requireRole } from "@/lib/auth/session";
import { invitationNotice, invitationSummary } from "@/lib/cawi/send-invitations";
import { sendInvitationsAction } from "./actions";
import { getSample } from "@/lib/sampling/db/queries";
import { stratumLabel } from "@/lib/sampling/draw/strata";
import { populationWords, SAMPLE_SURVEY_NAMES, samplePeriodOf } from "@/lib/sampling/surveys";
import { formatDateTimeSeconds, formatNumber } from "@/lib/format";
import { SummaryList } from "@/components/govuk/SummaryList";
import { Table } from "@/components/govuk/Table";
import { pageParams, uuidParams } from "@/lib/http/params";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findSample = cache(getSample);

export const generateMetadata = recordMetadata(uuidParams, "Sample", ({ id }) => findSample(id));

const MODE = { PHONE: "Telephone", ONLINE: "Online", MIXED: "Mixed (online, then telephone)" } as const;
const ALLOCATION = {
  PROPORTIONAL: "Proportional",
  EQUAL: "Equal",
  FIXED: "Fixed per stratum",
  PROPORTIONAL_WITH_MINIMUM: "Proportional with a minimum per stratum",
} as const;

export default staffPage(async function SamplePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireRole("samples:view");
  const { id } = await pageParams(uuidParams, params);
  const sample = await findSample(id);
  if (!sample) notFound();
  const invitations = sample.mode !== "PHONE" && can(user.role, "invitations:send") ? await invitationSummary(sample.id) : null;
  const period = samplePeriodOf(sample);
  const title = `${sample.survey === "OPTIONS" ? "Child Maintenance Options" : sample.survey} sample for ${period.label}${sample.sequence > 1 ? `, top-up ${sample.sequence - 1}` : ""}`;
  const rows: [string, string][] = [
    ["Survey", SAMPLE_SURVEY_NAMES[sample.survey]],
    ["Mode", MODE[sample.mode]],
    ["Allocation", `${ALLOCATION[sample.allocationMethod]}${sample.minimumPerStratum !== null ? `, minimum ${formatNumber(sample.minimumPerStratum)}` : ""}`],
    ["Requested", formatNumber(sample.requestedSize)],
    ["Drawn", formatNumber(sample.drawn)],
    ["Seed", sample.seed],
    ["Drawn by", sample.drawnBy?.name ?? "command line"],
    ["Drawn at", formatDateTimeSeconds(sample.drawnAt)],
  ];
  return (
    <>
      <span className="govuk-caption-l">Samples</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {sample.warnings.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {sample.warnings.join(" ")}
          </strong>
        </div>
      )}
      <SummaryList rows={rows.map(([key, value]) => ({ key, value }))} />
      <WaterfallTable steps={sample.waterfall} population={populationWords(sample.survey)} />
      <StrataTable strata={sample.strata} drawn />
      {sample.quotaCells.length > 0 && (
        <Table
          caption="Quota cells: minimum interviews"
          data-testid="quota-targets"
          rows={sample.quotaCells}
          rowKey={(c) => c.stratum.stratum}
          columns={[
            { header: "Cell", rowHeader: true, cell: (c) => stratumLabel(c.stratum.stratum) },
            { header: "Minimum interviews", numeric: true, cell: (c) => formatNumber(c.target) },
          ]}
        />
      )}
      {invitations && (
        <SendInvitationsPanel sampleId={sample.id} summary={invitations} notice={invitationNotice(await searchParams)} action={sendInvitationsAction} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/samples">
          Back to samples
        </Link>
      </p>
    </>
  );
});
