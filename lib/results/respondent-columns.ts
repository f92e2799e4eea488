// Respondents held as raw columns per (survey, questionnaire version) chunk, as
// lib/results/db/respondent-store.ts reads them from PostgreSQL, and the
// lib/analysis table of one request built from them: only the columns the
// request names, only the rows of its period. Pure (no I/O); the result is the
// same table respondentTable() builds from row objects (respondent-columns.db.test.ts).
import { allocateCodes, NO_VALUE, type Factor, type Respondents } from "@/lib/analysis";
import { listMeasures } from "./measure-catalogue";
import { reportingQuarter } from "./periods";
import { declaredCodes, positiveThreshold, POSITIVE_SUFFIX } from "./respondent-table";
import { CONTACT_REASONS, MODES, PROFILE_COLUMNS, ROLES, surveyQuestions } from "./response-columns";

/** A column as stored: small codes into the chunk's distinct values (null = no value), or numbers (NaN = none). */
export type RawColumn =
  { readonly kind: "values"; readonly values: readonly unknown[]; readonly codes: Int32Array } | { readonly kind: "numbers"; readonly values: Float64Array };

/** One survey's respondents of one questionnaire version. */
export interface RespondentChunk {
  readonly version: string;
  readonly n: number;
  /** Interview date as days since 1970-01-01. */
  readonly day: Int32Array;
  /** Physical columns (see PHYSICAL_COLUMNS, and `answer:<question id>` with parsed JSON values). */
  readonly columns: ReadonlyMap<string, RawColumn>;
}

/**
 * Stored columns besides the answers: interchange name -> SQL expression and kind.
 * Enum columns are sent as they are: binary COPY sends an enum as its label's
 * bytes, as it sends text, without the cast to text on every row.
 */
export const PHYSICAL_COLUMNS: Readonly<Record<string, { sql: string; kind: "text" | "float8" }>> = {
  role: { sql: `"role"`, kind: "text" },
  contact_reason: { sql: `"contactReason"`, kind: "text" },
  age_band: { sql: `"ageBand"`, kind: "text" },
  gender: { sql: `"gender"`, kind: "text" },
  ethnicity: { sql: `"ethnicity"`, kind: "text" },
  health: { sql: `"health"`, kind: "text" },
  service_length: { sql: `"serviceLength"`, kind: "text" },
  csa_closure_letter: { sql: `"csaClosureLetter"`, kind: "text" },
  mode: { sql: `"mode"`, kind: "text" },
  stratum: { sql: `"stratum"`, kind: "text" },
  weight: { sql: `"weight"`, kind: "float8" },
};

export const ANSWER_PREFIX = "answer:";

const DECLARED: Readonly<Record<string, readonly string[] | undefined>> = {
  role: ROLES,
  contact_reason: CONTACT_REASONS,
  mode: MODES,
  ...PROFILE_COLUMNS,
  stratum: undefined,
};

/**
 * The physical columns a request reads: its measure's questions, its breakdown,
 * the variables of its weighting, and for the page's detail (key drivers) or the
 * published tables every question. Names nobody stores are left out, so the
 * analysis refuses them with its usual message.
 */
export function physicalColumns(survey: string, names: Iterable<string>): string[] {
  const questions = surveyQuestions(survey);
  const out = new Set<string>();
  for (const raw of names) {
    for (const part of raw.split("*")) {
      const name = part.endsWith(POSITIVE_SUFFIX) ? part.slice(0, -POSITIVE_SUFFIX.length) : part;
      if (PHYSICAL_COLUMNS[name]) out.add(name);
      else if (questions.has(name)) out.add(ANSWER_PREFIX + name);
    }
  }
  return [...out];
}

/** The names a measure reads (a measure id, a composite, or QUESTION=CODE). */
export function measureColumns(survey: string, measure: string): string[] {
  const eq = measure.indexOf("=");
  if (eq > 0) return [measure.slice(0, eq)];
  return (
    listMeasures(survey)
      .find((m) => m.id === measure)
      ?.questions.slice() ?? []
  );
}

/** Every column of a survey (the published tables, key drivers). */
export function allColumns(survey: string): string[] {
  return [...Object.keys(PHYSICAL_COLUMNS), ...surveyQuestions(survey).keys()];
}

/** Rows of a chunk in [fromDay, toDay), or null for every row. */
function selectRows(c: RespondentChunk, fromDay: number, toDay: number): Int32Array | null {
  if (fromDay === -Infinity && toDay === Infinity) return null;
  let k = 0;
  const day = c.day;
  for (let i = 0; i < c.n; i++) if (day[i] >= fromDay && day[i] < toDay) k++;
  if (k === c.n) return null;
  const out = new Int32Array(k);
  k = 0;
  for (let i = 0; i < c.n; i++) if (day[i] >= fromDay && day[i] < toDay) out[k++] = i;
  return out;
}

interface Part {
  readonly chunk: RespondentChunk;
  readonly rows: Int32Array | null;
  readonly n: number;
}

/**
 * A factor over the parts: each chunk's distinct raw values mapped to a label
 * (null = no value); levels in declared order, then any others, sorted (as
 * respondentTable's factorOf, which lists the declared ones present first).
 */
function factorOver(
  parts: readonly Part[],
  n: number,
  rawCodes: (c: RespondentChunk) => { codes: Int32Array; labels: readonly (string | null)[] },
  declared?: readonly string[],
): Factor {
  const perChunk = parts.map((p) => ({ p, ...rawCodes(p.chunk) }));
  // One pass over the rows: coded against every label the chunks hold, marking
  // those used; the levels no row of the parts uses (a period filter left them
  // out) are dropped after, in a second pass only then.
  const held = new Set<string>();
  for (const { labels } of perChunk) for (const l of labels) if (l !== null) held.add(l);
  const levels = declared ? declared.filter((l) => held.has(l)) : [...held].sort();
  const listed = new Set(levels);
  levels.push(...[...held].filter((l) => !listed.has(l)).sort());
  const index = new Map(levels.map((l, i) => [l, i]));
  // Coded into an Int32Array (one element type: the loop stays monomorphic), then narrowed natively.
  const coded = new Int32Array(n);
  const used = new Uint8Array(levels.length);
  let at = 0;
  for (const { p, codes, labels } of perChunk) {
    const remap = Int32Array.from(labels, (l) => (l === null ? NO_VALUE : index.get(l)!));
    at = codeRows(codes, p.rows, p.n, remap, coded, used, at);
  }
  let kept = levels;
  if (!used.every((u) => u === 1)) {
    kept = levels.filter((_, i) => used[i] === 1);
    const renumber = new Int32Array(levels.length).fill(NO_VALUE);
    for (let i = 0, k = 0; i < levels.length; i++) if (used[i]) renumber[i] = k++;
    for (let i = 0; i < n; i++) if (coded[i] >= 0) coded[i] = renumber[coded[i]];
  }
  const out = allocateCodes(n, kept.length);
  if (out instanceof Int32Array) return { levels: kept, codes: coded };
  out.set(coded);
  return { levels: kept, codes: out };
}

/** A chunk's rows (all, or those in `rows`) coded through `remap` into `into` from `at`; marks the levels used. Returns the next position. */
function codeRows(codes: Int32Array, rows: Int32Array | null, n: number, remap: Int32Array, into: Int32Array, used: Uint8Array, at: number): number {
  for (let j = 0; j < n; j++) {
    const c = codes[rows ? rows[j] : j];
    const level = c < 0 ? NO_VALUE : remap[c];
    into[at++] = level;
    if (level >= 0) used[level] = 1;
  }
  return at;
}

function numbersOver(parts: readonly Part[], n: number, values: (c: RespondentChunk) => Float64Array): Float64Array {
  const out = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    const v = values(p.chunk);
    if (p.rows) for (let j = 0; j < p.rows.length; j++) out[at++] = v[p.rows[j]];
    else {
      out.set(v.subarray(0, p.n), at);
      at += p.n;
    }
  }
  return out;
}

/** Days since 1970-01-01 -> "YYYY-MM" (the proleptic Gregorian calendar, as PostgreSQL's date). */
export function monthOfDay(day: number): string {
  // Howard Hinnant's civil_from_days.
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
}

/** Days since 1970-01-01 of the first of a "YYYY-MM" month (days_from_civil). */
export function dayOfMonthStart(month: string): number {
  let y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days since 1970-01-01 -> a code per distinct month, and each code's "YYYY-MM". */
function monthCodes(c: RespondentChunk): { codes: Int32Array; months: string[] } {
  const byMonth = new Map<string, number>();
  const dayCode = new Map<number, number>();
  const codes = new Int32Array(c.n);
  const months: string[] = [];
  for (let i = 0; i < c.n; i++) {
    const d = c.day[i];
    let code = dayCode.get(d);
    if (code === undefined) {
      const m = monthOfDay(d);
      code = byMonth.get(m);
      if (code === undefined) {
        code = months.length;
        months.push(m);
        byMonth.set(m, code);
      }
      dayCode.set(d, code);
    }
    codes[i] = code;
  }
  return { codes, months };
}

function column(c: RespondentChunk, name: string): RawColumn | undefined {
  return c.columns.get(name);
}

/** A text column's codes and labels (values as strings; null no value). */
function valueCodes(c: RespondentChunk, name: string, label: (v: unknown) => string | null): { codes: Int32Array; labels: (string | null)[] } {
  const col = column(c, name);
  if (!col || col.kind !== "values") return { codes: new Int32Array(c.n).fill(NO_VALUE), labels: [] };
  return { codes: col.codes, labels: col.values.map(label) };
}

const asText = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** The physical columns (of those named) that hold a value for some respondent of the chunks in [fromDay, toDay). */
export function columnsWithValues(chunks: readonly RespondentChunk[], fromDay: number, toDay: number, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    for (const c of chunks) {
      const col = c.columns.get(name);
      if (!col || (col.kind === "values" && col.values.length === 0)) continue; // no value at all: nothing to look for
      const day = c.day;
      let found = false;
      if (col.kind === "values") {
        const codes = col.codes;
        for (let i = 0; i < c.n; i++)
          if (codes[i] >= 0 && day[i] >= fromDay && day[i] < toDay) {
            found = true;
            break;
          }
      } else {
        const values = col.values;
        for (let i = 0; i < c.n; i++)
          if (!Number.isNaN(values[i]) && day[i] >= fromDay && day[i] < toDay) {
            found = true;
            break;
          }
      }
      if (found) {
        out.add(name);
        break;
      }
    }
  }
  return out;
}

/** The table's columns built from one stored column (a rating answer gives a number and its POSITIVE factor). */
interface BuiltColumn {
  readonly factors: Readonly<Record<string, Factor>>;
  readonly numbers: Readonly<Record<string, Float64Array>>;
}

/**
 * Columns already built for the same chunks (same generations) and period, by
 * stored column name: a later request over them reuses them instead of building
 * them again. The caller keys it (respondent-store.ts); the columns are read only.
 */
export type BuiltColumns = Map<string, BuiltColumn>;

/** The chunks' rows interviewed in [fromDay, toDay), chunks in version order: the rows of tableFromChunks, in its order. */
function partsOf(chunks: readonly RespondentChunk[], fromDay: number, toDay: number): { parts: Part[]; n: number } {
  const parts: Part[] = [];
  for (const chunk of [...chunks].sort((a, b) => (a.version < b.version ? -1 : 1))) {
    const rows = selectRows(chunk, fromDay, toDay);
    const n = rows ? rows.length : chunk.n;
    if (n > 0) parts.push({ chunk, rows, n });
  }
  return { parts, n: parts.reduce((a, p) => a + p.n, 0) };
}

/** A number per chunk row (such as its respondent's id) for the rows of tableFromChunks(chunks, fromDay, toDay), in the table's order. */
export function valuesInTableOrder<C extends RespondentChunk>(
  chunks: readonly C[],
  fromDay: number,
  toDay: number,
  values: (c: C) => Float64Array,
): Float64Array {
  const { parts, n } = partsOf(chunks, fromDay, toDay);
  return numbersOver(parts, n, (c) => values(c as C));
}

/**
 * The lib/analysis table of the chunks' respondents interviewed in [fromDay,
 * toDay) (days since 1970-01-01), with the columns named (physicalColumns) plus
 * questionnaire_version, month and quarter. Chunks in version order. With
 * `built`, columns found there are reused and those built are added to it.
 */
export function tableFromChunks(
  survey: string,
  chunks: readonly RespondentChunk[],
  fromDay: number,
  toDay: number,
  physical: readonly string[],
  built: BuiltColumns = new Map(),
): Respondents {
  const { parts, n } = partsOf(chunks, fromDay, toDay);
  const factors: Record<string, Factor> = {};
  const numbers: Record<string, Float64Array> = {};
  const add = (name: string, build: () => BuiltColumn) => {
    let column = built.get(name);
    if (!column) {
      column = build();
      built.set(name, column);
    }
    Object.assign(factors, column.factors);
    Object.assign(numbers, column.numbers);
  };
  add("questionnaire_version", () => ({
    factors: { questionnaire_version: factorOver(parts, n, (c) => ({ codes: new Int32Array(c.n), labels: [c.version] })) },
    numbers: {},
  }));
  add("month", () => {
    const months = new Map(parts.map((p) => [p.chunk, monthCodes(p.chunk)]));
    return {
      factors: {
        month: factorOver(parts, n, (c) => ({ codes: months.get(c)!.codes, labels: months.get(c)!.months })),
        quarter: factorOver(parts, n, (c) => ({
          codes: months.get(c)!.codes,
          labels: months.get(c)!.months.map((m) => reportingQuarter(`${m}-01`, survey)),
        })),
      },
      numbers: {},
    };
  });
  const questions = surveyQuestions(survey);
  const threshold = positiveThreshold(survey, factors.questionnaire_version.levels);
  for (const name of physical) {
    if (name === "weight") {
      add(name, () => ({
        factors: {},
        numbers: {
          weight: numbersOver(parts, n, (c) => {
            const col = column(c, "weight");
            return col?.kind === "numbers" ? col.values : new Float64Array(c.n).fill(NaN);
          }),
        },
      }));
    } else if (PHYSICAL_COLUMNS[name]) {
      add(name, () => ({ factors: { [name]: factorOver(parts, n, (c) => valueCodes(c, name, asText), DECLARED[name]) }, numbers: {} }));
    } else if (name.startsWith(ANSWER_PREFIX)) {
      const id = name.slice(ANSWER_PREFIX.length);
      const qs = questions.get(id);
      if (!qs) continue;
      const kind = qs[0].kind;
      if (kind === "single" || kind === "yesNo") {
        add(name, () => ({
          factors: { [id]: factorOver(parts, n, (c) => valueCodes(c, name, (v) => (v === undefined ? null : String(v))), declaredCodes(qs)) },
          numbers: {},
        }));
      } else if (kind === "rating") {
        add(name, () => {
          const out: { factors: Record<string, Factor>; numbers: Record<string, Float64Array> } = { factors: {}, numbers: {} };
          out.numbers[id] = numbersOver(parts, n, (c) => {
            const col = column(c, name);
            const values = new Float64Array(c.n).fill(NaN);
            if (col?.kind !== "values") return values;
            const num = Float64Array.from(col.values, (v) => (typeof v === "number" ? v : NaN));
            for (let i = 0; i < c.n; i++) if (col.codes[i] >= 0) values[i] = num[col.codes[i]];
            return values;
          });
          if (threshold !== undefined) {
            out.factors[id + POSITIVE_SUFFIX] = factorOver(
              parts,
              n,
              (c) =>
                valueCodes(c, name, (a) => (a === undefined ? null : a === "REFUSED" ? "REFUSED" : (a as number) >= threshold ? "POSITIVE" : "NOT_POSITIVE")),
              ["POSITIVE", "NOT_POSITIVE", "REFUSED"],
            );
          }
          return out;
        });
      }
    }
  }
  return { n, factors, numbers };
}
