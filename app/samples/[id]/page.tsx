import type { Metadata } from "next";
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
import { stratumLabel } from "@/lib/sampling/strata";
import { populationWords, SAMPLE_SURVEY_NAMES, samplePeriodOf } from "@/lib/sampling/surveys";

export const metadata: Metadata = { title: "Sample" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/London" });
const n = (v: number) => v.toLocaleString("en-GB");
const MODE = { PHONE: "Telephone", ONLINE: "Online", MIXED: "Mixed (online, then telephone)" } as const;
const ALLOCATION = { PROPORTIONAL: "Proportional", EQUAL: "Equal", FIXED: "Fixed per stratum", PROPORTIONAL_WITH_MINIMUM: "Proportional with a minimum per stratum" } as const;

export default async function SamplePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("samples:view");
  const sample = await getSample((await params).id);
  if (!sample) notFound();
  const invitations = sample.mode !== "PHONE" && can(user.role, "invitations:send") ? await invitationSummary(sample.id) : null;
  const period = samplePeriodOf(sample);
  const title = `${sample.survey === "OPTIONS" ? "Child Maintenance Options" : sample.survey} sample for ${period.label}${sample.sequence > 1 ? `, top-up ${sample.sequence - 1}` : ""}`;
  const rows: [string, string][] = [
    ["Survey", SAMPLE_SURVEY_NAMES[sample.survey]],
    ["Mode", MODE[sample.mode]],
    ["Allocation", `${ALLOCATION[sample.allocationMethod]}${sample.minimumPerStratum !== null ? `, minimum ${n(sample.minimumPerStratum)}` : ""}`],
    ["Requested", n(sample.requestedSize)],
    ["Drawn", n(sample.drawn)],
    ["Seed", sample.seed],
    ["Drawn by", sample.drawnBy?.name ?? "command line"],
    ["Drawn at", dateTime.format(sample.drawnAt)],
  ];
  return (
    <>
      <span className="govuk-caption-l">Samples</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {sample.warnings.length > 0 && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {sample.warnings.join(" ")}
          </strong>
        </div>
      )}
      <dl className="govuk-summary-list">
        {rows.map(([k, v]) => (
          <div className="govuk-summary-list__row" key={k}>
            <dt className="govuk-summary-list__key">{k}</dt>
            <dd className="govuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      <WaterfallTable steps={sample.waterfall} population={populationWords(sample.survey)} />
      <StrataTable strata={sample.strata} drawn />
      {sample.quotaCells.length > 0 && (
        <table className="govuk-table" data-testid="quota-targets">
          <caption className="govuk-table__caption govuk-table__caption--m">Quota cells: minimum interviews</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Cell</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Minimum interviews</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sample.quotaCells.map((c) => (
              <tr className="govuk-table__row" key={c.stratum.stratum}>
                <th scope="row" className="govuk-table__header">{stratumLabel(c.stratum.stratum)}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n(c.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {invitations && <SendInvitationsPanel sampleId={sample.id} summary={invitations} notice={invitationNotice(await searchParams)} action={sendInvitationsAction} />}
      <p className="govuk-body">
        <Link className="govuk-link" href="/samples">Back to samples</Link>
      </p>
    </>
  );
}
