import Link from "next/link";
import type { CellProgress, SampleProgress } from "@/lib/fieldwork/db/overview";
import { Table, type Column } from "@/components/govuk";
import { formatDayLong } from "@/lib/format";
import { CompletesChart } from "./CompletesChart";

const n = (v: number) => v.toLocaleString("en-GB");
const STATUS = { OPEN: "Open", FULL: "Full", CLOSED: "Closed" } as const;
const COLUMNS: [keyof CellProgress, string][] = [
  ["completes", "Completes"],
  ["partials", "Partials"],
  ["inProgress", "In progress"],
  ["appointmentsDueToday", "Appointments due today"],
  ["neverTried", "Never tried"],
  ["stillToTry", "Still to try"],
  ["exhausted", "Exhausted"],
];

function Projection({ sample }: { sample: SampleProgress }) {
  const p = sample.projection;
  if (!p) return <p className="govuk-body">No quota targets are set for this sample, so there is nothing to project against.</p>;
  if (p.status === "REACHED") return <p className="govuk-body">Target of {n(p.target)} reached.</p>;
  if (p.status === "NO_RECENT_COMPLETES")
    return <p className="govuk-body">No completes in the last 7 days, so no completion date can be projected ({n(p.stillNeeded)} still needed).</p>;
  return (
    <p className="govuk-body">
      At the last 7 days&apos; rate ({n(p.lastSevenDays)} completes, {p.perDay.toFixed(1)} a day), the target of {n(p.target)} is reached on{" "}
      <strong>{formatDayLong(p.projectedDate!)}</strong> ({n(p.stillNeeded)} still needed).
    </p>
  );
}

/** One sample in the control room: totals and projection, the chart, and the quota cells. */
export function SampleProgressSection({ sample }: { sample: SampleProgress }) {
  const headingId = `progress-${sample.sampleId}`;
  const short = sample.cells.filter((c) => c.outlook?.runsOut);
  return (
    <section aria-labelledby={headingId} className="govuk-!-margin-bottom-9" data-testid={`sample-${sample.sampleId}`}>
      <h2 className="govuk-heading-m" id={headingId}>
        {sample.label}
      </h2>
      <p className="govuk-body">
        {n(sample.totals.cases)} cases ({sample.mode.toLowerCase()}), {n(sample.totals.completes)} completes
        {sample.totals.target !== null ? ` of a target of ${n(sample.totals.target)}` : ""}, {n(sample.totals.inProgress)} in progress.{" "}
        <Link className="govuk-link" href={`/supervisor/fieldwork/${sample.sampleId}`}>
          Outcome rates and exports<span className="govuk-visually-hidden"> for {sample.label}</span>
        </Link>
      </p>
      <Projection sample={sample} />
      {short.map((c) => (
        <div className="govuk-warning-text" key={c.stratum}>
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {c.label} will run out of sample: its {n(c.stillToTry)} cases still to try should give about {Math.floor(c.outlook!.expectedFromRemaining ?? 0)}{" "}
            more completes, and it needs {n(c.outlook!.stillNeeded)}.{" "}
            {c.outlook!.topUp !== null
              ? `A top-up of ${n(c.outlook!.topUp)} cases in this cell would cover it.`
              : "No case in it has completed yet, so the top-up cannot be sized."}
          </strong>
        </div>
      ))}
      <CompletesChart sample={sample} />
      <Table
        caption={`Quota cells, ${sample.label}`}
        captionSize="s"
        compact
        data-testid={`cells-${sample.sampleId}`}
        rows={sample.cells}
        rowKey={(c) => c.stratum}
        columns={[
          { header: "Cell", rowHeader: true, cell: (c) => c.label },
          { header: "Status", cell: (c) => (c.status ? STATUS[c.status] : "No quota") },
          { header: "Target", numeric: true, cell: (c) => c.target ?? "–" },
          ...COLUMNS.map(([k, label]): Column<CellProgress> => ({ header: label, numeric: true, cell: (c) => n(c[k] as number) })),
        ]}
      />
    </section>
  );
}
