import { Table } from "@/components/govuk";
import { formatDayShort } from "@/lib/format";
import type { SampleProgress } from "@/lib/fieldwork/db/overview";

const W = 480;
const H = 180;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };
const fmt = formatDayShort;

/**
 * Cumulative completes per day against the target line (issue 15). The SVG is a
 * picture for sighted users; the same figures are in the table beside it, which
 * is what a screen reader reads.
 */
export function CompletesChart({ sample }: { sample: SampleProgress }) {
  const points = sample.chart;
  const target = sample.totals.target;
  const today = points.at(-1);
  const top = Math.max(1, target ?? 0, today?.cumulative ?? 0);
  const x = (i: number) => PAD.left + (points.length <= 1 ? (W - PAD.left - PAD.right) / 2 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - v / top) * (H - PAD.top - PAD.bottom);
  const titleId = `chart-${sample.sampleId}`;
  const recent = points.slice(-14);
  return (
    <div className="fw-chart-and-table">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-labelledby={titleId} data-testid={`chart-${sample.sampleId}`}>
        <title id={titleId}>{`Completes to date for ${sample.label}: ${today?.cumulative ?? 0}${target !== null ? ` of a target of ${target}` : ""}`}</title>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#505a5f" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#505a5f" />
        <text x={PAD.left - 4} y={y(top) + 4} fontSize="11" textAnchor="end">
          {top}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom + 4} fontSize="11" textAnchor="end">
          0
        </text>
        {target !== null && (
          <>
            <line x1={PAD.left} y1={y(target)} x2={W - PAD.right} y2={y(target)} stroke="#d4351c" strokeDasharray="6 4" strokeWidth="2" />
            <text x={W - PAD.right} y={y(target) - 4} fontSize="11" textAnchor="end" fill="#d4351c">
              target {target}
            </text>
          </>
        )}
        <polyline fill="none" stroke="#1d70b8" strokeWidth="3" points={points.map((p, i) => `${x(i)},${y(p.cumulative)}`).join(" ")} />
        {today && (
          <circle cx={x(points.length - 1)} cy={y(today.cumulative)} r="5" fill="#1d70b8" data-testid="today-point" data-cumulative={today.cumulative}>
            <title>{`Today: ${today.cumulative} completes to date`}</title>
          </circle>
        )}
        {points.length > 0 && (
          <>
            <text x={x(0)} y={H - 8} fontSize="11" textAnchor="start">
              {fmt(points[0].date)}
            </text>
            {points.length > 1 && (
              <text x={x(points.length - 1)} y={H - 8} fontSize="11" textAnchor="end">
                {fmt(points[points.length - 1].date)}
              </text>
            )}
          </>
        )}
      </svg>
      <Table
        caption={`Completes per day, ${sample.label}${points.length > 14 ? " (last 14 days)" : ""}`}
        captionSize="s"
        compact
        rows={recent}
        rowKey={(p) => p.date}
        columns={[
          { header: "Day", rowHeader: true, cell: (p) => (p === today ? `Today (${fmt(p.date)})` : fmt(p.date)) },
          { header: "Completes", numeric: true, cell: (p) => p.completes },
          { header: "To date", numeric: true, cell: (p) => p.cumulative },
          { header: "Target", numeric: true, cell: () => target ?? "–" },
        ]}
      />
    </div>
  );
}
