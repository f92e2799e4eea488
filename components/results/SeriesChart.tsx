"use client";
import { CartesianGrid, ErrorBar, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";

export interface SeriesChartPoint {
  readonly label: string;
  /** The short label under the axis ("Aug 2014" for the quarter ending August 2014); the table has the full one. */
  readonly tick: string;
  readonly value: number | null;
  readonly error: [number, number] | null;
  readonly change: boolean;
}

/** A time series with 95% interval error bars and the questionnaire (scale) changes marked. Aria-hidden: the table under it is the source. */
export function SeriesChart({
  points,
  unit,
  maxValue,
  changeLabel,
}: {
  points: readonly SeriesChartPoint[];
  unit: string;
  maxValue: number;
  changeLabel: string;
}) {
  const data = points.map((p) => ({ ...p, error: p.error ?? [0, 0] }));
  return (
    <div aria-hidden="true" className="fw-chart" style={{ width: "100%", height: 320 }}>
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 24, right: 24, bottom: 8, left: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="tick" angle={-40} textAnchor="end" interval={0} height={72} tick={{ fill: "#0b0c0c", fontSize: 12, className: "fw-chart__tick" }} />
          <YAxis domain={[0, maxValue]} unit={unit} tick={{ fill: "#0b0c0c" }} />
          {points
            .filter((p) => p.change)
            .map((p) => (
              <ReferenceLine
                key={p.label}
                x={p.tick}
                stroke="#d4351c"
                strokeDasharray="6 3"
                label={{ value: changeLabel, position: "top", fill: "#d4351c", fontSize: 12 }}
              />
            ))}
          <Line dataKey="value" stroke="#1d70b8" strokeWidth={2} connectNulls={false} isAnimationActive={false} dot={{ r: 3 }}>
            <ErrorBar dataKey="error" width={4} stroke="#505a5f" direction="y" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
