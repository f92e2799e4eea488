import Link from "next/link";
import type { CellProgress, SampleProgress } from "@/lib/fieldwork/db/overview";
import { CompletesChart } from "./CompletesChart";

const n = (v: number) => v.toLocaleString("en-GB");
const longDate = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateOf = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));
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
      <strong>{dateOf(p.projectedDate!)}</strong> ({n(p.stillNeeded)} still needed).
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
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {c.label} will run out of sample: its {n(c.stillToTry)} cases still to try should give about {Math.floor(c.outlook!.expectedFromRemaining ?? 0)} more
            completes, and it needs {n(c.outlook!.stillNeeded)}.{" "}
            {c.outlook!.topUp !== null ? `A top-up of ${n(c.outlook!.topUp)} cases in this cell would cover it.` : "No case in it has completed yet, so the top-up cannot be sized."}
          </strong>
        </div>
      ))}
      <CompletesChart sample={sample} />
      <div className="fw-table-scroll">
        <table className="govuk-table govuk-!-font-size-16" data-testid={`cells-${sample.sampleId}`}>
          <caption className="govuk-table__caption govuk-table__caption--s">Quota cells, {sample.label}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Cell</th>
              <th scope="col" className="govuk-table__header">Status</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Target</th>
              {COLUMNS.map(([k, label]) => (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={k}>{label}</th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sample.cells.map((c) => (
              <tr className="govuk-table__row" key={c.stratum}>
                <th scope="row" className="govuk-table__header">{c.label}</th>
                <td className="govuk-table__cell">{c.status ? STATUS[c.status] : "No quota"}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{c.target ?? "–"}</td>
                {COLUMNS.map(([k]) => (
                  <td className="govuk-table__cell govuk-table__cell--numeric" key={k}>{n(c[k] as number)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
