/**
 * Small dense symmetric positive semi-definite systems (normal equations of a
 * few dozen columns). Row-major k×k Float64Array.
 */

export interface Cholesky {
  readonly k: number;
  /** Lower triangle, row-major; columns of dropped variables are zero. */
  readonly L: Float64Array;
  /** 1 where the column was linearly dependent on earlier columns and left out. */
  readonly dropped: Uint8Array;
}

/**
 * Cholesky factor G = L Lᵀ that leaves out any column whose pivot is (relatively)
 * zero, i.e. a column in the span of earlier ones. Solving with it is regression on
 * the kept columns, which span the same space, so fitted values and residuals are
 * those of the full (rank-deficient) design: any generalised inverse gives the same
 * projection. This is how several raking margins' dummy sets, each summing to the
 * intercept, are handled without choosing which category to drop by hand.
 */
export function choleskyDropping(G: Float64Array, k: number, relTol = 1e-9): Cholesky {
  const L = new Float64Array(k * k);
  const dropped = new Uint8Array(k);
  for (let j = 0; j < k; j++) {
    let s = G[j * k + j];
    for (let p = 0; p < j; p++) s -= L[j * k + p] * L[j * k + p];
    if (!(s > relTol * Math.max(Math.abs(G[j * k + j]), Number.MIN_VALUE))) {
      dropped[j] = 1;
      continue;
    }
    const d = Math.sqrt(s);
    L[j * k + j] = d;
    for (let i = j + 1; i < k; i++) {
      let t = G[i * k + j];
      for (let p = 0; p < j; p++) t -= L[i * k + p] * L[j * k + p];
      L[i * k + j] = t / d;
    }
  }
  return { k, L, dropped };
}

/** Solves G β = b; coefficients of dropped columns are 0. */
export function solveCholesky(ch: Cholesky, b: ArrayLike<number>): Float64Array {
  const { k, L, dropped } = ch;
  const y = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (dropped[j]) continue;
    let t = b[j];
    for (let p = 0; p < j; p++) t -= L[j * k + p] * y[p];
    y[j] = t / L[j * k + j];
  }
  const x = new Float64Array(k);
  for (let j = k - 1; j >= 0; j--) {
    if (dropped[j]) continue;
    let t = y[j];
    for (let i = j + 1; i < k; i++) t -= L[i * k + j] * x[i];
    x[j] = t / L[j * k + j];
  }
  return x;
}

/** Inverse of a full-rank G from its factor (caller checks nothing was dropped). */
export function inverseFromCholesky(ch: Cholesky): Float64Array {
  const { k } = ch;
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    e.fill(0);
    e[c] = 1;
    const col = solveCholesky(ch, e);
    for (let r = 0; r < k; r++) inv[r * k + c] = col[r];
  }
  return inv;
}
