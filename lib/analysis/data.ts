/**
 * Respondents as columns, not objects: one typed array per variable, so a million
 * respondents cost a few bytes each and the estimators run as tight loops.
 *
 * A categorical variable is a `Factor`: its level labels plus one small signed
 * integer code per respondent (index into `levels`; -1 = no value, i.e. the
 * question was not asked or the column was empty). A numeric variable (1-10
 * ratings, supplied weights) is a Float64Array with NaN for no value.
 */
import { AnalysisError } from "./errors";

export type CodeArray = Int8Array | Int16Array | Int32Array;

export const NO_VALUE = -1;

export interface Factor {
  readonly levels: readonly string[];
  readonly codes: CodeArray;
}

export interface Respondents {
  readonly n: number;
  readonly factors: Readonly<Record<string, Factor>>;
  readonly numbers: Readonly<Record<string, Float64Array>>;
}

/** The smallest signed array that holds codes 0..levelCount-1 and -1. */
export function allocateCodes(n: number, levelCount: number): CodeArray {
  if (levelCount <= 127) return new Int8Array(n);
  if (levelCount <= 32767) return new Int16Array(n);
  return new Int32Array(n);
}

export interface ColumnSpec {
  /** Categorical columns: name -> declared levels (values outside them are rejected), or null to take the sorted distinct values. */
  factors?: Record<string, readonly string[] | null>;
  /** Numeric columns (ratings, weights): numbers or numeric strings; anything else (empty, "REFUSED") is no value. */
  numbers?: readonly string[];
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "";
}

/** Builds the columnar table from row objects (as parsed from an interchange §2 file). */
export function respondentsFromRows(rows: readonly Record<string, unknown>[], spec: ColumnSpec): Respondents {
  const n = rows.length;
  const factors: Record<string, Factor> = {};
  for (const [name, declared] of Object.entries(spec.factors ?? {})) {
    let levels: string[];
    if (declared) levels = [...declared];
    else {
      const seen = new Set<string>();
      for (const row of rows) if (!isEmpty(row[name])) seen.add(String(row[name]));
      levels = [...seen].sort();
    }
    const index = new Map(levels.map((l, i) => [l, i]));
    const codes = allocateCodes(n, levels.length);
    for (let i = 0; i < n; i++) {
      const v = rows[i][name];
      if (isEmpty(v)) {
        codes[i] = NO_VALUE;
        continue;
      }
      const code = index.get(String(v));
      if (code === undefined) {
        throw new AnalysisError("UNKNOWN_VALUE", `Row ${i + 1}: ${name} = "${String(v)}" is not one of ${levels.join(", ")}`, name, String(v));
      }
      codes[i] = code;
    }
    factors[name] = { levels, codes };
  }
  const numbers: Record<string, Float64Array> = {};
  for (const name of spec.numbers ?? []) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][name];
      const x = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      col[i] = Number.isFinite(x) ? x : NaN;
    }
    numbers[name] = col;
  }
  return { n, factors, numbers };
}

/** Separator for crossed variables and their categories (interchange §3: `role*contact_reason`). */
export const CROSS = "*";

/**
 * The factor for a variable name; `a*b` crosses factors a and b into cells labelled
 * `A1*B1`, keeping only the combinations that occur. A respondent missing any part
 * has no value for the cross.
 */
export function factorFor(r: Respondents, name: string): Factor {
  const direct = r.factors[name];
  if (direct) return direct;
  const parts = name.split(CROSS);
  if (parts.length < 2) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no column ${name}`, name);
  const fs = parts.map((p) => {
    const f = r.factors[p];
    if (!f) throw new AnalysisError("UNKNOWN_COLUMN", `Respondents have no column ${p} (needed for ${name})`, p);
    return f;
  });
  return crossFactors(fs, r.n);
}

export function crossFactors(fs: readonly Factor[], n: number): Factor {
  const keyToCode = new Map<number, number>();
  const levels: string[] = [];
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let key = 0;
    let missing = false;
    for (const f of fs) {
      const c = f.codes[i];
      if (c < 0) {
        missing = true;
        break;
      }
      key = key * f.levels.length + c; // mixed radix: unique per combination
    }
    if (missing) {
      raw[i] = NO_VALUE;
      continue;
    }
    let code = keyToCode.get(key);
    if (code === undefined) {
      code = levels.length;
      keyToCode.set(key, code);
      levels.push(fs.map((f) => f.levels[f.codes[i]]).join(CROSS));
    }
    raw[i] = code;
  }
  const codes = allocateCodes(n, levels.length);
  codes.set(raw);
  return { levels, codes };
}
