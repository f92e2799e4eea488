import { Table, type Column } from "@/components/govuk";
import { RATE_CATEGORIES } from "@/lib/cati/dispositions";
import { formatRateOrNa, type RateReport } from "@/lib/fieldwork/rates";

const fmtCount = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? v.toLocaleString("en-GB") : v.toFixed(2));

type Group = { name: string; report: RateReport };
/** A row of the table: one rate, the count of one category of cases, or the e used. */
type Row = { kind: "rate"; name: string } | { kind: "count"; category: (typeof RATE_CATEGORIES)[number] } | { kind: "e" };

/**
 * Outcome rates of one or more groups of cases (issue 15): each figure opens to the
 * numerator and denominator it was computed from; each row names its formula.
 * "n/a" where the denominator is zero.
 */
export function RatesTable({ caption, groups }: { caption: string; groups: Group[] }) {
  const names = groups[0]?.report.figures.map((f) => f.name) ?? [];
  const rows: Row[] = [
    ...names.map((name) => ({ kind: "rate" as const, name })),
    ...RATE_CATEGORIES.map((category) => ({ kind: "count" as const, category })),
    { kind: "e" },
  ];
  const groupCell = (g: Group, row: Row) => {
    if (row.kind === "count") return g.report.counts[row.category].toLocaleString("en-GB");
    if (row.kind === "e") return g.report.e === null ? "n/a" : g.report.e.toFixed(3);
    const f = g.report.figures.find((x) => x.name === row.name)!;
    return (
      <details>
        <summary>
          {formatRateOrNa(f.value)}
          <span className="govuk-visually-hidden">
            {" "}
            {row.name}, {g.name}: show the counts
          </span>
        </summary>
        {fmtCount(f.numerator)} / {fmtCount(f.denominator)}
      </details>
    );
  };
  const columns: Column<Row>[] = [
    {
      header: "Rate",
      rowHeader: true,
      cell: (row) =>
        row.kind === "count" ? (
          `Cases ${row.category}`
        ) : row.kind === "e" ? (
          "e used"
        ) : (
          <>
            {row.name} <span className="govuk-body-s govuk-!-font-weight-regular">= {groups[0].report.figures.find((f) => f.name === row.name)!.formula}</span>
          </>
        ),
    },
    ...groups.map((g): Column<Row> => ({ header: g.name, numeric: true, cell: (row) => groupCell(g, row) })),
  ];
  const key = (row: Row) => (row.kind === "rate" ? `rate:${row.name}` : row.kind === "count" ? `count:${row.category}` : "e");
  return <Table caption={caption} columns={columns} rows={rows} rowKey={key} compact />;
}
