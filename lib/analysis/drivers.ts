/**
 * Key drivers of satisfaction (seed 000: accuracy, timeliness and keeping clients
 * informed drive satisfaction; the analysts' question is which items matter most).
 *
 * Model: weighted logistic regression of satisfied (1) vs not (0) on one
 * agreement indicator per item (1 = agree/strongly agree, 0 = any other valid
 * answer), fitted by Newton-Raphson (= IRLS for the canonical logit link) on the
 * respondents who gave valid answers to the outcome and to every item.
 * Standard errors are design-based (linearisation / sandwich, as R's svyglm):
 * β̂ − β ≈ A⁻¹ Σ w_i x_i (y_i − μ_i), A = Σ w_i μ_i(1 − μ_i) x_i x_iᵀ, so the
 * influence variables z_i = A⁻¹ x_i (y_i − μ_i) (zero outside the complete cases)
 * go through the same strata and calibration residuals as every other estimate.
 *
 * Importance (our choice, stated with the result): the x-standardised coefficient
 * |β_j| · SD_w(x_j), the change in the log-odds of satisfaction for a one-standard-
 * deviation change in agreement with the item, so an item few people disagree with
 * does not rank high merely for a large coefficient. Shares are normalised to 100%.
 * (Shapley/dominance measures need 2^k refits and were not judged worth it here.)
 */
import { NO_VALUE, type Respondents } from "./data";
import type { SurveyDesign } from "./design";
import { AnalysisError } from "./errors";
import { choleskyDropping, inverseFromCholesky, solveCholesky } from "./linalg";
import { covarianceOfGroupedTotals } from "./linearisation";
import { twoSidedP } from "./normal";

export interface BinaryCoding {
  readonly question: string;
  readonly positive: readonly string[];
  /** Answers that are not valid for the model (DK, NA, REFUSED). */
  readonly excluded: readonly string[];
}

export interface KeyDriversRequest {
  readonly outcome: BinaryCoding;
  readonly items: readonly BinaryCoding[];
  readonly maxIterations?: number;
}

export interface Driver {
  readonly item: string;
  readonly coefficient: number;
  readonly se: number;
  readonly oddsRatio: number;
  readonly p: number;
  readonly significant: boolean;
  /** Weighted SD of the agreement indicator among the modelled respondents. */
  readonly sd: number;
  /** |coefficient| × sd. */
  readonly importance: number;
  /** importance / Σ importance. */
  readonly share: number;
  /** 1 = most important. */
  readonly rank: number;
}

export interface KeyDriversResult {
  readonly method: string;
  /** Respondents with valid answers to the outcome and every item. */
  readonly base: number;
  readonly weightedBase: number;
  readonly intercept: { readonly coefficient: number; readonly se: number };
  readonly drivers: readonly Driver[];
  readonly iterations: number;
}

export const KEY_DRIVERS_METHOD =
  "Weighted logistic regression of satisfied (1) vs not (0) on agree (1) vs not (0) for each item, fitted by Newton-Raphson (IRLS) " +
  "on respondents with valid answers to every item; importance = |coefficient| × weighted SD of the item (x-standardised coefficient), " +
  "shares normalised to 100%; standard errors by linearisation under the survey design (as R svyglm).";

/** 1 / 0 / NaN (not valid) per respondent. */
function indicator(r: Respondents, c: BinaryCoding): Float64Array {
  const f = r.factors[c.question];
  if (!f) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no answers for question ${c.question}`, c.question);
  const role = Float64Array.from(f.levels, (l) => (c.excluded.includes(l) ? NaN : c.positive.includes(l) ? 1 : 0));
  const out = new Float64Array(r.n);
  for (let i = 0; i < r.n; i++) out[i] = f.codes[i] === NO_VALUE ? NaN : role[f.codes[i]];
  return out;
}

export function keyDrivers(r: Respondents, design: SurveyDesign, req: KeyDriversRequest): KeyDriversResult {
  const k = req.items.length;
  if (k === 0 || k > 30) throw new AnalysisError("INVALID_OPTIONS", `Key drivers need 1 to 30 items; got ${k}`);
  const p = k + 1; // intercept first
  const y = indicator(r, req.outcome);
  const xs = req.items.map((it) => indicator(r, it));
  const w = design.weights;

  // Respondents with the same answer pattern share μ, so the fit runs on patterns.
  const complete = new Uint8Array(r.n);
  const patternOf = new Int32Array(r.n).fill(-1);
  const patternIndex = new Map<number, number>();
  const dense = k <= 20 ? new Int32Array(1 << k).fill(-1) : null;
  const patterns: number[] = [];
  const wSat: number[] = [];
  const wAll: number[] = [];
  let base = 0,
    W = 0;
  for (let i = 0; i < r.n; i++) {
    if (Number.isNaN(y[i])) continue;
    let key = 0,
      ok = true;
    for (let j = 0; j < k; j++) {
      const v = xs[j][i];
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      key = key * 2 + v;
    }
    if (!ok) continue;
    complete[i] = 1;
    base++;
    W += w[i];
    let g = dense ? dense[key] : (patternIndex.get(key) ?? -1);
    if (g < 0) {
      g = patterns.length;
      if (dense) dense[key] = g;
      else patternIndex.set(key, g);
      patterns.push(key);
      wSat.push(0);
      wAll.push(0);
    }
    patternOf[i] = g;
    wAll[g] += w[i];
    wSat[g] += w[i] * y[i];
  }
  if (base === 0 || !(W > 0)) throw new AnalysisError("NO_DATA", "No respondent answered the outcome and every item validly");
  const row = (g: number, out: Float64Array) => {
    out[0] = 1;
    let key = patterns[g];
    for (let j = k - 1; j >= 0; j--) {
      out[j + 1] = key & 1;
      key = Math.floor(key / 2);
    }
  };
  const G = patterns.length;
  const X = new Float64Array(G * p);
  const tmp = new Float64Array(p);
  for (let g = 0; g < G; g++) {
    row(g, tmp);
    X.set(tmp, g * p);
  }

  // Checks with a named item: no variation, or a zero cell in item × outcome (separation).
  const satTotal = wSat.reduce((a, b) => a + b, 0);
  if (satTotal <= 0 || satTotal >= W) {
    throw new AnalysisError(
      "SEPARATION",
      `Every modelled respondent is ${satTotal <= 0 ? "not " : ""}satisfied: there is nothing to explain`,
      req.outcome.question,
    );
  }
  for (let j = 0; j < k; j++) {
    const cell = [0, 0, 0, 0]; // [x=0,y=0], [x=0,y=1], [x=1,y=0], [x=1,y=1]
    for (let g = 0; g < G; g++) {
      const xj = X[g * p + j + 1];
      cell[2 * xj] += wAll[g] - wSat[g];
      cell[2 * xj + 1] += wSat[g];
    }
    const q = req.items[j].question;
    if (cell[0] + cell[1] === 0 || cell[2] + cell[3] === 0) {
      throw new AnalysisError("SINGULAR_MATRIX", `Item ${q} has the same answer for every modelled respondent; leave it out`, q);
    }
    const zero = cell.findIndex((c) => c === 0);
    if (zero >= 0) {
      const who = zero >= 2 ? "agrees" : "does not agree";
      throw new AnalysisError(
        "SEPARATION",
        `Everyone who ${who} with ${q} is ${zero % 2 ? "not satisfied" : "satisfied"}: the model has no finite estimate (separation); leave the item out or combine items`,
        q,
      );
    }
  }

  // Newton-Raphson on the weighted log-likelihood ℓ(β) = Σ_g [s_g η_g − n_g log(1 + e^{η_g})].
  const maxIterations = req.maxIterations ?? 50;
  const beta = new Float64Array(p);
  const scale = W / base; // weights rescaled to mean 1 for the fit only; β is scale-free
  const loglik = (b: Float64Array) => {
    let l = 0;
    for (let g = 0; g < G; g++) {
      let eta = 0;
      for (let a = 0; a < p; a++) eta += X[g * p + a] * b[a];
      l += (wSat[g] * eta - wAll[g] * (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta)))) / scale;
    }
    return l;
  };
  const information = (b: Float64Array) => {
    const A = new Float64Array(p * p);
    const score = new Float64Array(p);
    const mu = new Float64Array(G);
    for (let g = 0; g < G; g++) {
      let eta = 0;
      for (let a = 0; a < p; a++) eta += X[g * p + a] * b[a];
      const m = 1 / (1 + Math.exp(-eta));
      mu[g] = m;
      const v = (wAll[g] * m * (1 - m)) / scale;
      const res = (wSat[g] - wAll[g] * m) / scale;
      for (let a = 0; a < p; a++) {
        const xa = X[g * p + a];
        if (xa === 0) continue;
        score[a] += xa * res;
        for (let c = 0; c < p; c++) A[a * p + c] += xa * X[g * p + c] * v;
      }
    }
    return { A, score, mu };
  };
  let l = loglik(beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const { A, score } = information(beta);
    const ch = choleskyDropping(A, p, 1e-10);
    const bad = ch.dropped.findIndex((d) => d === 1);
    if (bad >= 0) {
      const q = bad === 0 ? "the intercept" : req.items[bad - 1].question;
      throw new AnalysisError(
        "SINGULAR_MATRIX",
        `Item ${q} is a combination of the other items among the modelled respondents (singular information matrix); leave it out`,
        bad === 0 ? undefined : q,
      );
    }
    const step = solveCholesky(ch, score);
    let t = 1;
    let next = beta.map((b, a) => b + t * step[a]);
    let ln = loglik(next);
    while (ln < l - 1e-12 * Math.abs(l) && t > 1e-6) {
      t /= 2;
      next = beta.map((b, a) => b + t * step[a]);
      ln = loglik(next);
    }
    beta.set(next);
    const change = Math.max(...step.map((s) => Math.abs(s * t)));
    const dl = Math.abs(ln - l);
    l = ln;
    if (change < 1e-10 || dl < 1e-13 * Math.abs(l)) {
      converged = true;
      break;
    }
  }
  if (!converged || beta.some((b) => !Number.isFinite(b) || Math.abs(b) > 30)) {
    throw new AnalysisError(
      "SEPARATION",
      `The logistic regression did not converge in ${maxIterations} iterations (coefficients diverging: the items separate satisfied from not satisfied); leave out or combine items`,
    );
  }

  // Design-based covariance: z_i = A⁻¹ x_i (y_i − μ_i) with A on the original weight scale.
  const { A, mu } = information(beta);
  const Ainv = inverseFromCholesky(choleskyDropping(A, p, 1e-10)).map((v) => v / scale);
  // z depends only on the answer pattern and the outcome: 2G distinct values (group 2g + y).
  const values = new Float64Array(2 * G * p);
  for (let g = 0; g < G; g++)
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let c = 0; c < p; c++) s += Ainv[a * p + c] * X[g * p + c];
      values[2 * g * p + a] = s * (0 - mu[g]);
      values[(2 * g + 1) * p + a] = s * (1 - mu[g]);
    }
  const group = new Int32Array(r.n).fill(-1);
  for (let i = 0; i < r.n; i++) if (complete[i]) group[i] = 2 * patternOf[i] + y[i];
  const V = covarianceOfGroupedTotals(design, group, values, p);

  const sds = req.items.map((_, j) => {
    let m = 0;
    for (let g = 0; g < G; g++) m += wAll[g] * X[g * p + j + 1];
    m /= W;
    return Math.sqrt(m * (1 - m)); // weighted SD of a 0/1 variable
  });
  const importance = sds.map((sd, j) => Math.abs(beta[j + 1]) * sd);
  const total = importance.reduce((a, b) => a + b, 0);
  const order = importance.map((_, j) => j).sort((a, b) => importance[b] - importance[a]);
  const rankOf = new Int32Array(k);
  order.forEach((j, pos) => (rankOf[j] = pos + 1));
  const drivers: Driver[] = order.map((j) => {
    const se = Math.sqrt(Math.max(0, V[(j + 1) * p + j + 1]));
    const pv = twoSidedP(beta[j + 1] / se);
    return {
      item: req.items[j].question,
      coefficient: beta[j + 1],
      se,
      oddsRatio: Math.exp(beta[j + 1]),
      p: pv,
      significant: pv < 0.05,
      sd: sds[j],
      importance: importance[j],
      share: total > 0 ? importance[j] / total : 0,
      rank: rankOf[j],
    };
  });
  return {
    method: KEY_DRIVERS_METHOD,
    base,
    weightedBase: W,
    intercept: { coefficient: beta[0], se: Math.sqrt(Math.max(0, V[0])) },
    drivers,
    iterations,
  };
}
