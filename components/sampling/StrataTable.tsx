import { stratumLabel } from "@/lib/sampling/draw/strata";
import { formatNumber } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

export interface StratumRow {
  stratum: string;
  population: number;
  eligible: number;
  allocated: number;
  drawn: number;
}

/** Strata (quarter x line of business x client role) with N before and after exclusions, n_h and the design weight. */
export function StrataTable({ strata, drawn, caption = "Strata" }: { strata: StratumRow[]; drawn: boolean; caption?: string }) {
  const size = (s: StratumRow) => (drawn ? s.drawn : s.allocated);
  const total = strata.reduce(
    (t, s) => ({ population: t.population + s.population, eligible: t.eligible + s.eligible, n: t.n + (drawn ? s.drawn : s.allocated) }),
    { population: 0, eligible: 0, n: 0 },
  );
  return (
    <Table
      caption={caption}
      data-testid="strata"
      rows={[...strata, null]}
      rowKey={(s) => s?.stratum ?? "total"}
      columns={[
        {
          header: "Stratum",
          rowHeader: true,
          cell: (s) =>
            s ? (
              <>
                {stratumLabel(s.stratum)}
                <br />
                <code className="govuk-body-s">{s.stratum}</code>
              </>
            ) : (
              "Total"
            ),
        },
        { header: "Population", numeric: true, cell: (s) => formatNumber(s ? s.population : total.population) },
        { header: "Eligible", numeric: true, cell: (s) => formatNumber(s ? s.eligible : total.eligible) },
        { header: drawn ? "Drawn" : "To draw", numeric: true, cell: (s) => formatNumber(s ? size(s) : total.n) },
        { header: "Design weight", numeric: true, cell: (s) => (s && size(s) > 0 ? (s.eligible / size(s)).toFixed(2) : s ? "–" : "") },
      ]}
    />
  );
}
