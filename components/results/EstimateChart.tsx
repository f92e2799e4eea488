"use client";
import { Bar, BarChart, CartesianGrid, ErrorBar, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { CategoryTick, TICK_LINE_CHARACTERS, wrapLabel } from "./CategoryTick";

export interface ChartPoint {
  readonly label: string;
  readonly value: number | null;
  /** [below, above] the value, for the error bar */
  readonly error: [number, number] | null;
}

/**
 * Estimates with 95% interval error bars. Decorative for assistive technology:
 * the table under it holds the same numbers (aria-hidden, no focusable parts).
 */
export function EstimateChart({ points, unit, maxValue }: { points: readonly ChartPoint[]; unit: string; maxValue: number }) {
  const data = points.map((p) => ({ ...p, value: p.value ?? 0, error: p.error ?? [0, 0] }));
  // Each bar's band holds its label's lines (labels are wrapped, never cut off).
  const lines = Math.max(1, ...points.map((p) => wrapLabel(p.label, TICK_LINE_CHARACTERS).length));
  const band = Math.max(36, lines * 17 + 14);
  return (
    <div aria-hidden="true" className="fw-chart" style={{ width: "100%", height: Math.max(220, 60 + points.length * band) }}>
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 32, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, maxValue]} unit={unit} tick={{ fill: "#0b0c0c" }} />
          <YAxis type="category" dataKey="label" width={210} interval={0} tick={<CategoryTick />} />
          <Bar dataKey="value" fill="#1d70b8" isAnimationActive={false}>
            <ErrorBar dataKey="error" width={6} strokeWidth={2} stroke="#0b0c0c" direction="x" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
