// Interval estimates for the managers' page (issue 14). Ratings are not weighted
// (every contact asked is in the base), so a simple random sample's formulas
// apply: a mean with a normal interval, a share with Wilson's score interval
// (well-behaved for small bases and shares near 0 or 1). 95%: z = 1.96.

const Z95 = 1.959963984540054;

export interface MeanEstimate {
  base: number;
  mean: number | null;
  low: number | null;
  high: number | null;
}

/** From the base, the sum and the sum of squares (what SQL aggregates give). */
export function meanWithInterval({ n, sum, sumSquares }: { n: number; sum: number; sumSquares: number }): MeanEstimate {
  if (n === 0) return { base: 0, mean: null, low: null, high: null };
  const mean = sum / n;
  if (n < 2) return { base: n, mean, low: null, high: null };
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  const half = (Z95 * Math.sqrt(variance)) / Math.sqrt(n);
  return { base: n, mean, low: mean - half, high: mean + half };
}

export interface ShareEstimate {
  base: number;
  count: number;
  share: number | null;
  low: number | null;
  high: number | null;
}

export function shareWithInterval({ count, n }: { count: number; n: number }): ShareEstimate {
  if (n === 0) return { base: 0, count, share: null, low: null, high: null };
  const p = count / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { base: n, count, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The median of numbers (null for none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
