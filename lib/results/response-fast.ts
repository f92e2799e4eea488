// The responses import's byte fast path (issue 16), as the frame import has one
// (lib/sampling/frame/fast.ts): checks one CSV line straight from the file's
// bytes and writes its COPY text line, without building strings. It only says
// yes to the plain case: printable ASCII, no quote, no backslash, no cell
// padded with spaces, no weight, no x_ value, no free-text answer, every value
// valid. Anything else (including every row with a problem) returns false and
// goes through readResponseRow, which says what is wrong. So the fast path
// never decides an error message, and when it accepts a row it must write
// exactly what readResponseRow would: response-fast.test.ts holds the two
// equal on whole chunks.

import { getQuestionnaireVersion, isQuestion, listQuestionnaireVersions, type Question, type QuestionnaireVersion } from "@/lib/questionnaire";
import * as byteCodes from "../csv-stream/bytes";
import type { ByteWriter } from "../csv-stream/copy-text";
import * as columns from "./response-columns";
import { checkedCell, type ResponsesHeader } from "./response-row";

// Imported values copied into this module's own constants: where the code is
// loaded as CommonJS (a worker thread), each use of an imported binding is a
// getter call, and in the byte loops below those calls cost more than the work.
const { BACKSLASH, COMMA, QUOTE, SPACE, TAB, dateMonthKey } = byteCodes;
const { CONTACT_REASONS, MODES, PROFILE_COLUMNS, PROFILE_NAMES, ROLES, SURVEYS, WEIGHT_COLUMN } = columns;
const PROFILE_COUNT = PROFILE_NAMES.length;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const codes = (list: readonly string[]) => list.map(ascii);
const SURVEY_CODES = codes(SURVEYS);
const MODE_CODES = codes(MODES);
const ROLE_CODES = codes(ROLES);
const REASON_CODES = codes(CONTACT_REASONS);
const PROFILE_CODES = PROFILE_NAMES.map((name) => codes(PROFILE_COLUMNS[name]));
const NULL_FIELD = ascii("\\N");
// Plain Uint8Arrays throughout (mixing in Buffers made the byte loops polymorphic and slower).
const encoder = new TextEncoder();

/** 0: plain printable ASCII; 1: a comma; 2: anything left to the slow path (controls, non-ASCII, quote, backslash). */
const BYTE_KIND = new Uint8Array(256).map((_, c) => (c === COMMA ? 1 : c < SPACE || c > 126 || c === QUOTE || c === BACKSLASH ? 2 : 0));

const MAX_REF = 100;
/** Distinct cells remembered per question (as readResponseRow's memo). */
const MAX_CELLS = 10_000;

/** The file's columns as the fast path reads them (one per chunk: a header reaches each worker as a copy). */
export interface FastLayout {
  readonly columns: number;
  readonly ref: number;
  readonly survey: number;
  readonly version: number;
  readonly date: number;
  readonly mode: number;
  readonly role: number;
  readonly reason: number;
  /** PROFILE_NAMES' columns, -1 when the file has none. */
  readonly profile: Int32Array;
  readonly weight: number;
  readonly extras: Int32Array;
  readonly questions: readonly { id: string; index: number }[];
  /** `questions`' columns. */
  readonly questionColumns: Int32Array;
  /** Room the answers' JSON can need beyond twice the line's length (each member's id, quotes and colon). */
  readonly answerRoom: number;
  /** Per version id: each of `questions`' question in that version (undefined: not asked in it), and its cells seen. */
  readonly byVersion: Map<string, VersionQuestions>;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export function fastLayout(header: ResponsesHeader): FastLayout {
  const at = (name: string) => header.index.get(name) ?? -1;
  const columns = header.columns.length;
  // In jsonb's key order (response-row.ts jsonbKeyOrder), as readResponseRow writes them.
  const questions = header.questions.slice().sort((a, b) => a.slot - b.slot);
  return {
    columns,
    ref: at("respondent_ref"),
    survey: at("survey"),
    version: at("questionnaire_version"),
    date: at("interview_date"),
    mode: at("mode"),
    role: at("role"),
    reason: at("contact_reason"),
    profile: Int32Array.from(PROFILE_NAMES, at),
    weight: at(WEIGHT_COLUMN),
    extras: Int32Array.from(header.extras, (e) => e.index),
    questions,
    questionColumns: Int32Array.from(questions, (q) => q.index),
    answerRoom: header.questions.reduce((n, q) => n + q.id.length + 8, 0),
    byVersion: new Map(),
    starts: new Int32Array(columns),
    ends: new Int32Array(columns),
  };
}

/** The shipped versions by id, as bytes. */
let versionIds: { id: Uint8Array; version: QuestionnaireVersion }[] | null = null;

/** The version the last row named (a file's rows mostly name one): tried first. */
let lastVersion: { id: Uint8Array; version: QuestionnaireVersion } | null = null;

function versionAt(buf: Uint8Array, start: number, end: number): QuestionnaireVersion | null {
  if (lastVersion !== null && same(buf, start, end, lastVersion.id)) return lastVersion.version;
  versionIds ??= listQuestionnaireVersions().map((v) => ({ id: ascii(v.id), version: getQuestionnaireVersion(v.id) ?? v }));
  for (const v of versionIds)
    if (same(buf, start, end, v.id)) {
      lastVersion = v;
      return v.version;
    }
  return null;
}

interface VersionQuestions {
  readonly questions: (Question | undefined)[];
  readonly caches: (CellCache | undefined)[];
}

function questionsIn(layout: FastLayout, version: QuestionnaireVersion): VersionQuestions {
  let qs = layout.byVersion.get(version.id);
  if (!qs) {
    const inVersion = new Map<string, Question>();
    for (const s of version.screens) if (isQuestion(s)) inVersion.set(s.id, s);
    const questions = layout.questions.map((q) => inVersion.get(q.id));
    qs = { questions, caches: questions.map((q) => (q === undefined ? undefined : cellCache(q))) };
    layout.byVersion.set(version.id, qs);
  }
  return qs;
}

function same(buf: Uint8Array, start: number, end: number, code: Uint8Array): boolean {
  if (end - start !== code.length) return false;
  for (let i = 0; i < code.length; i++) if (buf[start + i] !== code[i]) return false;
  return true;
}

/** The index in `list` of buf[start, end), or -1. */
function codeIndex(buf: Uint8Array, start: number, end: number, list: readonly Uint8Array[]): number {
  for (let k = 0; k < list.length; k++) if (same(buf, start, end, list[k])) return k;
  return -1;
}

/** A question's cells seen so far: the answer's JSON member as COPY bytes (null: no answer). */
interface CellEntry {
  readonly cell: Uint8Array;
  readonly json: Uint8Array | null;
}
/**
 * Per question: a small table of cells by their length and a few of their
 * bytes (a coded question's few answers each find their own slot: one compare),
 * then every cell seen by the bytes' hash.
 */
interface CellCache {
  readonly slots: (CellEntry | undefined)[];
  size: number;
  readonly byHash: Map<number, CellEntry[]>;
}
const SLOTS = 256;
const cellCaches = new Map<Question, CellCache>();

function cellCache(q: Question): CellCache {
  let cache = cellCaches.get(q);
  if (!cache) cellCaches.set(q, (cache = { slots: new Array<CellEntry | undefined>(SLOTS).fill(undefined), size: 0, byHash: new Map() }));
  return cache;
}

/** A non-empty cell's slot. */
function slotOf(buf: Uint8Array, start: number, end: number): number {
  const n = end - start;
  return (n * 37 + buf[start] * 11 + buf[start + (n >> 1)] * 5 + buf[end - 1]) & (SLOTS - 1);
}

function hashOf(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}

/** A non-empty cell's JSON member (null: no answer; undefined: not a valid answer, or a free text the slow path writes). */
function cellJson(q: Question, cache: CellCache, buf: Uint8Array, start: number, end: number): Uint8Array | null | undefined {
  if (q.kind === "text") return undefined;
  const slot = slotOf(buf, start, end);
  const e = cache.slots[slot];
  if (e !== undefined && same(buf, start, end, e.cell)) return e.json;
  const h = hashOf(buf, start, end);
  const seen = cache.byHash.get(h);
  if (seen)
    for (const e of seen)
      if (same(buf, start, end, e.cell)) {
        cache.slots[slot] ??= e;
        return e.json;
      }
  // A cell not seen before: checked as readResponseRow checks it (plain ASCII: a byte a character).
  const raw = String.fromCharCode(...buf.subarray(start, end));
  const check = checkedCell(q, raw);
  if (!check.ok) return undefined;
  const json = check.json === null ? null : encoder.encode(check.json);
  if (cache.size < MAX_CELLS) {
    const entry = { cell: buf.slice(start, end), json };
    if (seen) seen.push(entry);
    else cache.byHash.set(h, [entry]);
    cache.size++;
    cache.slots[slot] ??= entry;
  }
  return json;
}

function copyBytes(buf: Uint8Array, start: number, end: number, o: Uint8Array, w: number): number {
  for (let i = start; i < end; i++) o[w++] = buf[i];
  return w;
}

/** Field k and a tab. */
function copyField(buf: Uint8Array, k: number, starts: Int32Array, ends: Int32Array, o: Uint8Array, w: number): number {
  w = copyBytes(buf, starts[k], ends[k], o, w);
  o[w++] = TAB;
  return w;
}

/**
 * Checks the line buf[start, end) (no line end) and, when it is the plain valid
 * case, appends the row's COPY fields (readResponseRow's `copy`) and `suffix`
 * to `out` and returns the row's questionnaire version (its survey and id).
 * Otherwise leaves `out` as it was and returns null: the caller reads the line
 * the slow way.
 */
export function fastResponseRow(
  buf: Uint8Array,
  start: number,
  end: number,
  layout: FastLayout,
  out: ByteWriter,
  suffix: Uint8Array,
): QuestionnaireVersion | null {
  const { starts, ends } = layout;
  // Split on commas; any byte the fast path leaves alone sends the line to the slow one.
  let n = 0;
  let fieldStart = start;
  for (let p = start; p < end; p++) {
    const kind = BYTE_KIND[buf[p]];
    if (kind === 0) continue;
    if (kind === 2 || n === layout.columns) return null;
    starts[n] = fieldStart;
    ends[n] = p;
    n++;
    fieldStart = p + 1;
  }
  if (n + 1 !== layout.columns) return null;
  starts[n] = fieldStart;
  ends[n] = end;
  // Cells padded with spaces are trimmed by the slow path; leave them to it.
  for (let k = 0; k < layout.columns; k++) if (ends[k] > starts[k] && (buf[starts[k]] === SPACE || buf[ends[k] - 1] === SPACE)) return null;
  if (layout.weight !== -1 && ends[layout.weight] > starts[layout.weight]) return null;
  for (let k = 0; k < layout.extras.length; k++) if (ends[layout.extras[k]] > starts[layout.extras[k]]) return null;

  const survey = codeIndex(buf, starts[layout.survey], ends[layout.survey], SURVEY_CODES);
  if (survey < 0) return null;
  const refLength = ends[layout.ref] - starts[layout.ref];
  if (refLength === 0 || refLength > MAX_REF) return null;
  const version = versionAt(buf, starts[layout.version], ends[layout.version]);
  if (version === null || version.survey !== SURVEYS[survey]) return null;
  const ds = starts[layout.date];
  // A real date from 1990 to 2100 (readResponseRow's checkDate).
  const month = dateMonthKey(buf, ds, ends[layout.date]);
  if (month < 1990 * 12 || month >= 2101 * 12) return null;
  if (codeIndex(buf, starts[layout.mode], ends[layout.mode], MODE_CODES) < 0) return null;
  if (codeIndex(buf, starts[layout.role], ends[layout.role], ROLE_CODES) < 0) return null;
  if (codeIndex(buf, starts[layout.reason], ends[layout.reason], REASON_CODES) < 0) return null;

  // A member's JSON is its cell, the question's id, two pairs of quotes and a colon (plain ASCII needs no escapes).
  out.ensure(2 * (end - start) + layout.answerRoom + 256 + suffix.length);
  const o = out.buf;
  let w = out.length;
  w = copyField(buf, layout.survey, starts, ends, o, w);
  w = copyField(buf, layout.ref, starts, ends, o, w);
  w = copyField(buf, layout.version, starts, ends, o, w);
  w = copyField(buf, layout.date, starts, ends, o, w);
  // The period: the interview's month (YYYY-MM-01).
  w = copyBytes(buf, ds, ds + 8, o, w);
  o[w++] = 48;
  o[w++] = 49;
  o[w++] = TAB;
  w = copyField(buf, layout.mode, starts, ends, o, w);
  w = copyField(buf, layout.role, starts, ends, o, w);
  w = copyBytes(buf, starts[layout.reason], ends[layout.reason], o, w);
  for (let p = 0; p < PROFILE_COUNT; p++) {
    const k = layout.profile[p];
    o[w++] = TAB;
    if (k === -1 || starts[k] === ends[k]) w = copyBytes(NULL_FIELD, 0, 2, o, w);
    else if (codeIndex(buf, starts[k], ends[k], PROFILE_CODES[p]) < 0) return null;
    else w = copyBytes(buf, starts[k], ends[k], o, w);
  }
  // weight (none), then the answers.
  o[w++] = TAB;
  w = copyBytes(NULL_FIELD, 0, 2, o, w);
  o[w++] = TAB;
  o[w++] = 123; // {
  const { questions: inVersion, caches } = questionsIn(layout, version);
  let first = true;
  const questionColumns = layout.questionColumns;
  for (let j = 0; j < questionColumns.length; j++) {
    const k = questionColumns[j];
    if (starts[k] === ends[k]) continue;
    const q = inVersion[j];
    if (q === undefined) return null;
    const json = cellJson(q, caches[j]!, buf, starts[k], ends[k]);
    if (json === undefined) return null;
    if (json === null) continue;
    if (!first) o[w++] = COMMA;
    first = false;
    if (w + json.length + 64 + suffix.length > o.length) return null; // (not expected: see the ensure above)
    o.set(json, w);
    w += json.length;
  }
  o[w++] = 125; // }
  // extra (none)
  o[w++] = TAB;
  w = copyBytes(NULL_FIELD, 0, 2, o, w);
  w = copyBytes(suffix, 0, suffix.length, o, w);
  out.length = w;
  return version;
}

/** Appends a staging line's start (`chunk\tline\tt\t`): `seq` is the chunk's number and a tab, as bytes. */
export function writeStagingPrefix(out: ByteWriter, seq: Uint8Array, line: number): void {
  out.ensure(seq.length + 16);
  const o = out.buf;
  let w = copyBytes(seq, 0, seq.length, o, out.length);
  const digits = String(line);
  for (let i = 0; i < digits.length; i++) o[w++] = digits.charCodeAt(i);
  o[w++] = TAB;
  o[w++] = 116; // t
  o[w++] = TAB;
  out.length = w;
}

export { ascii };
