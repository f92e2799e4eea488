import Link from "next/link";
import { samplePeriodCode, type SamplePeriod, type SampleSurvey } from "@/lib/sampling/surveys";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

const MODE = { PHONE: "Telephone", ONLINE: "Online", MIXED: "Mixed" } as const;

export interface SampleListRow {
  id: string;
  survey: SampleSurvey;
  period: SamplePeriod;
  month: string;
  sequence: number;
  mode: keyof typeof MODE;
  population: number;
  eligible: number;
  drawn: number;
  drawnAt: Date;
  drawnBy: { name: string } | null;
}

/** Samples per survey and contact period (a month, or a CES quarter). */
export function SampleList({ samples }: { samples: SampleListRow[] }) {
  if (samples.length === 0) return <p className="govuk-body">No samples have been drawn yet.</p>;
  return (
    <Table
      caption="Samples by contact period and survey"
      data-testid="sample-list"
      rows={samples}
      rowKey={(s) => s.id}
      columns={[
        {
          header: "Contact period",
          cell: (s) => (
            <Link className="govuk-link" href={`/samples/${s.id}`}>
              {samplePeriodCode(s)}
              {s.sequence > 1 ? ` top-up ${s.sequence - 1}` : ""}
              <span className="govuk-visually-hidden"> {s.survey} sample</span>
            </Link>
          ),
        },
        { header: "Survey", cell: (s) => (s.survey === "OPTIONS" ? "Options" : s.survey) },
        { header: "Mode", cell: (s) => MODE[s.mode] },
        { header: "Population", numeric: true, cell: (s) => formatNumber(s.population) },
        { header: "Eligible", numeric: true, cell: (s) => formatNumber(s.eligible) },
        { header: "Drawn", numeric: true, cell: (s) => formatNumber(s.drawn) },
        { header: "Drawn by", cell: (s) => `${s.drawnBy?.name ?? "command line"}, ${formatDateTime(s.drawnAt)}` },
      ]}
    />
  );
}
