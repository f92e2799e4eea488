// Checking a responses file (interchange.md §2) header and rows. Pure: the
// importer streams records in and gets respondents or row errors out, each error
// naming its line and column.
import { fromAnswerCode, getQuestionnaireVersion, isQuestion, toAnswerCode, type Question } from "@/lib/questionnaire";
import type { RowError } from "./response-csv";
import { copyText } from "../csv-stream/copy-text";
import {
  CONTACT_REASONS,
  EXTRA_PREFIX,
  MODES,
  PROFILE_COLUMNS,
  PROFILE_NAMES,
  REQUIRED_COLUMNS,
  ROLES,
  SURVEYS,
  WEIGHT_COLUMN,
  surveyQuestions,
  type SurveyCode,
} from "./response-columns";

export type AnswerCell = string | number;

export interface ResponsesHeader {
  readonly columns: readonly string[];
  /**
   * Column index of each question id, in the file's order; `slot` is the
   * question's place in PostgreSQL's order of jsonb keys (jsonbKeyOrder).
   */
  readonly questions: readonly { id: string; index: number; slot: number }[];
  readonly index: ReadonlyMap<string, number>;
  /** Column index of each x_ column. */
  readonly extras: readonly { name: string; index: number }[];
}

const MAX_REF = 100;

/** Checks the header line; errors are file-level (the file cannot be read). */
export function readResponsesHeader(fields: readonly string[]): { header: ResponsesHeader } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const known = surveyQuestions();
  const index = new Map<string, number>();
  const questions: { id: string; index: number }[] = [];
  const extras: { name: string; index: number }[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name)) {
      errors.push({ line: 1, column: name, message: `Column ${name} appears twice` });
      return;
    }
    index.set(name, i);
    if ((REQUIRED_COLUMNS as readonly string[]).includes(name) || name in PROFILE_COLUMNS || name === WEIGHT_COLUMN) return;
    if (name.startsWith(EXTRA_PREFIX)) {
      extras.push({ name, index: i });
      return;
    }
    if (known.has(name)) {
      questions.push({ id: name, index: i });
      return;
    }
    errors.push({
      line: 1,
      column: name || `column ${i + 1}`,
      message: `Unknown column "${name}": not an interchange column or a question id of a known questionnaire (prefix your own columns with x_)`,
    });
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!index.has(c)) errors.push({ line: 1, column: c, message: `The required column ${c} is missing` });
  }
  if (errors.length) return { errors };
  const slots = questions.map((q, k) => ({ id: q.id, k })).sort((a, b) => jsonbKeyOrder(a.id, b.id));
  const slotted = questions.map((q) => ({ ...q, slot: 0 }));
  slots.forEach(({ k }, slot) => (slotted[k].slot = slot));
  return { header: { columns: fields.map((f) => f.trim()), questions: slotted, index, extras } };
}

const utf8 = new TextEncoder();

/**
 * PostgreSQL's order of an object's keys in jsonb: shorter (in bytes) first,
 * then byte by byte. The answers' members are written in this order: jsonb
 * sorts the keys of every value it reads, and its sort returns at once on keys
 * already in order (0.5 s of COPY per million CES respondents, issue 16).
 */
export function jsonbKeyOrder(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

// A file has few distinct dates and answer cells: each is checked once (the
// checks are pure), so a million rows cost map look-ups (issue 16).
const checkedDates = new Map<string, string | null>();
const versionQuestions = new Map<string, Map<string, Question>>();
const checkedCells = new Map<Question, Map<string, ReturnType<typeof checkCell>>>();
const MAX_MEMO = 10_000;

function isoDate(v: string): string | null {
  let d = checkedDates.get(v);
  if (d === undefined) {
    d = checkDate(v);
    if (checkedDates.size < MAX_MEMO) checkedDates.set(v, d);
  }
  return d;
}

function questionsOf(version: NonNullable<ReturnType<typeof getQuestionnaireVersion>>): Map<string, Question> {
  let qs = versionQuestions.get(version.id);
  if (!qs) {
    qs = new Map<string, Question>();
    for (const s of version.screens) if (isQuestion(s)) qs.set(s.id, s);
    versionQuestions.set(version.id, qs);
  }
  return qs;
}

/**
 * A cell's answer as its member of the row's answers JSON (`"id":cell`, ratings
 * as numbers) in COPY text, null for no answer, or the reason it is not one.
 */
function checkCell(q: Question, raw: string): { ok: true; json: string | null } | { ok: false; message: string } {
  const check = fromAnswerCode(q, raw);
  if (!check) return { ok: true, json: null };
  if (!check.ok) return { ok: false, message: check.error.message };
  const code = toAnswerCode(check.value);
  if (code === undefined) return { ok: true, json: null };
  const cell: AnswerCell = check.value.kind === "rating" ? check.value.value : code;
  // As COPY text: JSON escapes every control character, leaving backslashes to double.
  return { ok: true, json: `${JSON.stringify(q.id)}:${JSON.stringify(cell)}`.replace(/\\/g, "\\\\") };
}

/** A cell checked as readResponseRow checks it (remembered per question; the byte fast path, response-fast.ts, asks it of each new cell). */
export function checkedCell(q: Question, raw: string): ReturnType<typeof checkCell> {
  if (q.kind === "text") return checkCell(q, raw); // free text: every cell differs
  let memo = checkedCells.get(q);
  if (!memo) checkedCells.set(q, (memo = new Map()));
  let r = memo.get(raw);
  if (r === undefined) {
    r = checkCell(q, raw);
    if (memo.size < MAX_MEMO) memo.set(raw, r);
  }
  return r;
}

function checkDate(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  if (Number(m[1]) < 1990 || Number(m[1]) > 2100) return null;
  return v;
}

function oneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

function at(line: number, column: string | null, message: string): RowError {
  return { line, column, message };
}

function cellOf(header: ResponsesHeader, fields: readonly string[], name: string): string {
  const i = header.index.get(name);
  return i === undefined ? "" : fields[i].trim();
}

/** A row as it is staged (COPY text, lib/results/db/import-responses.ts STAGING_COLUMNS from `s`), or its key alone when it was rejected. */
export interface CheckedRow {
  /** The row's COPY fields from `s` to `x` (its period, `pm`, after its date), tab-separated; null when the row was rejected. */
  readonly copy: string | null;
  /** The row's survey when valid; a rejected row's valid survey and respondent_ref (a later row naming them is a duplicate of it), else null. */
  readonly survey: SurveyCode | null;
  readonly respondentRef: string | null;
  /** The valid row's questionnaire version (absent when rejected). */
  readonly version?: string;
}

const NULL = "\\N";

/**
 * Checks one data row; its problems are added to `errors` (line, column,
 * reason). Duplicates across rows are the database's to find (the import's
 * staging table, set-based): a row is checked on its own.
 */
export function readResponseRow(header: ResponsesHeader, line: number, fields: readonly string[], errors: RowError[]): CheckedRow {
  const before = errors.length;
  if (fields.length !== header.columns.length) {
    errors.push(at(line, null, `The row has ${fields.length} fields; the header has ${header.columns.length}`));
    return { copy: null, survey: null, respondentRef: null };
  }

  // PostgreSQL stores no NUL character (byte 0) in text or JSON: said of its cell here, not a failed import.
  for (let i = 0; i < fields.length; i++)
    if (fields[i].includes("\0"))
      errors.push(at(line, header.columns[i] || `column ${i + 1}`, "the value contains a NUL character (byte 0), which cannot be stored; remove it"));

  const respondentRef = cellOf(header, fields, "respondent_ref");
  if (!respondentRef) errors.push(at(line, "respondent_ref", "respondent_ref is required"));
  else if (respondentRef.length > MAX_REF) errors.push(at(line, "respondent_ref", `respondent_ref is longer than ${MAX_REF} characters`));

  const survey = cellOf(header, fields, "survey");
  const knownSurvey = oneOf(SURVEYS, survey);
  if (!knownSurvey) errors.push(at(line, "survey", `Unknown survey "${survey}": expected one of ${SURVEYS.join(", ")}`));

  const versionId = cellOf(header, fields, "questionnaire_version");
  const version = versionId ? getQuestionnaireVersion(versionId) : undefined;
  if (!version)
    errors.push(at(line, "questionnaire_version", versionId ? `Unknown questionnaire version "${versionId}"` : "questionnaire_version is required"));
  else if (knownSurvey && version.survey !== survey)
    errors.push(at(line, "questionnaire_version", `Version ${versionId} belongs to survey ${version.survey}, not ${survey}`));

  const dateText = cellOf(header, fields, "interview_date");
  const interviewDate = isoDate(dateText);
  if (!interviewDate) errors.push(at(line, "interview_date", dateText ? `"${dateText}" is not a date (expected YYYY-MM-DD)` : "interview_date is required"));

  const mode = cellOf(header, fields, "mode");
  if (!oneOf(MODES, mode)) errors.push(at(line, "mode", `Unknown mode "${mode}": expected ${MODES.join(" or ")}`));
  const role = cellOf(header, fields, "role");
  if (!oneOf(ROLES, role)) errors.push(at(line, "role", `Unknown role "${role}": expected one of ${ROLES.join(", ")}`));
  const contactReason = cellOf(header, fields, "contact_reason");
  if (!oneOf(CONTACT_REASONS, contactReason))
    errors.push(at(line, "contact_reason", `Unknown contact_reason "${contactReason}": expected one of ${CONTACT_REASONS.join(", ")}`));

  let profile = "";
  for (const name of PROFILE_NAMES) {
    const v = cellOf(header, fields, name);
    if (!v) profile += "\t" + NULL;
    else if (!oneOf(PROFILE_COLUMNS[name], v)) errors.push(at(line, name, `Unknown ${name} "${v}": expected one of ${PROFILE_COLUMNS[name].join(", ")}`));
    else profile += "\t" + v; // a code: nothing to escape
  }

  let weight = NULL;
  const w = cellOf(header, fields, WEIGHT_COLUMN);
  if (w) {
    const x = Number(w);
    if (!Number.isFinite(x) || x < 0) errors.push(at(line, WEIGHT_COLUMN, `weight "${w}" is not a non-negative number`));
    else weight = String(x);
  }

  // Each answer's JSON member in its slot (jsonb's key order), checked in the file's order.
  const members: (string | undefined)[] = new Array(header.questions.length);
  if (version) {
    const inVersion = questionsOf(version);
    for (const { id, index, slot } of header.questions) {
      const raw = fields[index];
      if (raw.trim() === "") continue;
      const q = inVersion.get(id);
      if (!q) {
        errors.push(at(line, id, `${id} is not a question of ${version.id}; leave the cell empty`));
        continue;
      }
      const check = checkedCell(q, raw);
      if (!check.ok) {
        errors.push(at(line, id, `"${raw.trim()}" is not an answer to ${id}: ${check.message}`));
        continue;
      }
      if (check.json !== null) members[slot] = check.json;
    }
  }

  if (errors.length > before) {
    // (A ref PostgreSQL cannot hold, with a NUL, names no respondent.)
    const keyed = respondentRef !== "" && knownSurvey && !respondentRef.includes("\0");
    return { copy: null, survey: keyed ? survey : null, respondentRef: keyed ? respondentRef : null };
  }

  let extra: Record<string, string> | null = null;
  for (const { name, index } of header.extras) if (fields[index] !== "") (extra ??= {})[name] = fields[index];

  return {
    version: versionId,
    copy:
      survey +
      "\t" +
      copyText(respondentRef) +
      "\t" +
      versionId +
      "\t" +
      interviewDate +
      "\t" +
      // The period of an imported respondent is its interview month (README "Periods").
      interviewDate!.slice(0, 8) +
      "01\t" +
      mode +
      "\t" +
      role +
      "\t" +
      contactReason +
      profile +
      "\t" +
      weight +
      "\t" +
      `{${members.filter((m) => m !== undefined).join(",")}}` +
      "\t" +
      copyText(extra ? JSON.stringify(extra) : null),
    survey: survey as SurveyCode,
    respondentRef: null,
  };
}
