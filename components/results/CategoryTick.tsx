"use client";

/** Splits a label into lines of at most `max` characters, at spaces and after slashes ("Black/African/..."). */
export function wrapLabel(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const piece of text.match(/[^ /]+\/?| +|\//g) ?? []) {
    if (line.trim() && (line + piece).trimEnd().length > max) {
      lines.push(line.trim());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

export const TICK_LINE_CHARACTERS = 26;

/**
 * A category axis label in full, wrapped onto lines that fit the axis (issue 18:
 * labels were cut off). Recharts passes x, y and the category as payload.value.
 */
export function CategoryTick({ x = 0, y = 0, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const lines = wrapLabel(String(payload?.value ?? ""), TICK_LINE_CHARACTERS);
  return (
    <text x={x} y={y} textAnchor="end" fill="#0b0c0c" fontSize={14} className="fw-chart__tick">
      {lines.map((l, i) => (
        <tspan key={i} x={x} dy={i === 0 ? `${0.35 - (lines.length - 1) * 0.6}em` : "1.2em"}>
          {l}
        </tspan>
      ))}
    </text>
  );
}
