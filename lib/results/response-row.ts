// Checking a responses file (interchange.md §2) header and rows. Pure: the
// importer streams records in and gets respondents or row errors out, each error
// naming its line and column.
import { fromAnswerCode, getQuestionnaireVersion, isQuestion, toAnswerCode, type Question } from "@/lib/questionnaire";
import type { RowError } from "./response-csv";
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
  type ProfileColumn,
  type SurveyCode,
} from "./response-columns";

export type AnswerCell = string | number;

export interface RespondentRecord {
  readonly line: number;
  readonly survey: SurveyCode;
  readonly respondentRef: string;
  readonly questionnaireVersion: string;
  /** YYYY-MM-DD */
  readonly interviewDate: string;
  readonly mode: (typeof MODES)[number];
  readonly role: (typeof ROLES)[number];
  readonly contactReason: (typeof CONTACT_REASONS)[number];
  readonly profile: Readonly<Partial<Record<ProfileColumn, string>>>;
  readonly weight: number | null;
  /** Question id -> interchange cell (ratings as numbers). */
  readonly answers: Readonly<Record<string, AnswerCell>>;
  readonly extra: Readonly<Record<string, string>> | null;
}

export interface ResponsesHeader {
  readonly columns: readonly string[];
  /** Column index of each question id. */
  readonly questions: readonly { id: string; index: number }[];
  readonly index: ReadonlyMap<string, number>;
}

const MAX_REF = 100;

/** Checks the header line; errors are file-level (the file cannot be read). */
export function readResponsesHeader(fields: readonly string[]): { header: ResponsesHeader } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const known = surveyQuestions();
  const index = new Map<string, number>();
  const questions: { id: string; index: number }[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim();
    if (index.has(name)) {
      errors.push({ line: 1, column: name, message: `Column ${name} appears twice` });
      return;
    }
    index.set(name, i);
    if ((REQUIRED_COLUMNS as readonly string[]).includes(name) || name in PROFILE_COLUMNS || name === WEIGHT_COLUMN) return;
    if (name.startsWith(EXTRA_PREFIX)) return;
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
  return { header: { columns: fields.map((f) => f.trim()), questions, index } };
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

/** A cell's answer (ratings as numbers), null for no answer, or the reason it is not one. */
function checkCell(q: Question, raw: string): { ok: true; cell: AnswerCell | null } | { ok: false; message: string } {
  const check = fromAnswerCode(q, raw);
  if (!check) return { ok: true, cell: null };
  if (!check.ok) return { ok: false, message: check.error.message };
  const code = toAnswerCode(check.value);
  if (code === undefined) return { ok: true, cell: null };
  return { ok: true, cell: check.value.kind === "rating" ? check.value.value : code };
}

function checkedCell(q: Question, raw: string): ReturnType<typeof checkCell> {
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

/**
 * Checks one data row. `seen` holds survey|respondent_ref -> first line, for
 * duplicates within the file (the caller keeps it across rows).
 */
export function readResponseRow(
  header: ResponsesHeader,
  line: number,
  fields: readonly string[],
  seen: Map<string, number>,
): { ok: true; record: RespondentRecord } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (column: string | null, message: string) => errors.push({ line, column, message });
  if (fields.length !== header.columns.length) {
    err(null, `The row has ${fields.length} fields; the header has ${header.columns.length}`);
    return { ok: false, errors };
  }
  const cell = (name: string) => {
    const i = header.index.get(name);
    return i === undefined ? "" : fields[i].trim();
  };

  const respondentRef = cell("respondent_ref");
  if (!respondentRef) err("respondent_ref", "respondent_ref is required");
  else if (respondentRef.length > MAX_REF) err("respondent_ref", `respondent_ref is longer than ${MAX_REF} characters`);

  const survey = cell("survey");
  if (!oneOf(SURVEYS, survey)) err("survey", `Unknown survey "${survey}": expected one of ${SURVEYS.join(", ")}`);

  const versionId = cell("questionnaire_version");
  const version = versionId ? getQuestionnaireVersion(versionId) : undefined;
  if (!version) err("questionnaire_version", versionId ? `Unknown questionnaire version "${versionId}"` : "questionnaire_version is required");
  else if (oneOf(SURVEYS, survey) && version.survey !== survey)
    err("questionnaire_version", `Version ${versionId} belongs to survey ${version.survey}, not ${survey}`);

  const dateText = cell("interview_date");
  const interviewDate = isoDate(dateText);
  if (!interviewDate) err("interview_date", dateText ? `"${dateText}" is not a date (expected YYYY-MM-DD)` : "interview_date is required");

  const mode = cell("mode");
  if (!oneOf(MODES, mode)) err("mode", `Unknown mode "${mode}": expected ${MODES.join(" or ")}`);
  const role = cell("role");
  if (!oneOf(ROLES, role)) err("role", `Unknown role "${role}": expected one of ${ROLES.join(", ")}`);
  const contactReason = cell("contact_reason");
  if (!oneOf(CONTACT_REASONS, contactReason)) err("contact_reason", `Unknown contact_reason "${contactReason}": expected one of ${CONTACT_REASONS.join(", ")}`);

  const profile: Partial<Record<ProfileColumn, string>> = {};
  for (const name of PROFILE_NAMES) {
    const v = cell(name);
    if (!v) continue;
    if (!oneOf(PROFILE_COLUMNS[name], v)) err(name, `Unknown ${name} "${v}": expected one of ${PROFILE_COLUMNS[name].join(", ")}`);
    else profile[name] = v;
  }

  let weight: number | null = null;
  const w = cell(WEIGHT_COLUMN);
  if (w) {
    const x = Number(w);
    if (!Number.isFinite(x) || x < 0) err(WEIGHT_COLUMN, `weight "${w}" is not a non-negative number`);
    else weight = x;
  }

  const answers: Record<string, AnswerCell> = {};
  if (version) {
    const inVersion = questionsOf(version);
    for (const { id, index } of header.questions) {
      const raw = fields[index];
      if (raw.trim() === "") continue;
      const q = inVersion.get(id);
      if (!q) {
        err(id, `${id} is not a question of ${version.id}; leave the cell empty`);
        continue;
      }
      const check = checkedCell(q, raw);
      if (!check.ok) {
        err(id, `"${raw.trim()}" is not an answer to ${id}: ${check.message}`);
        continue;
      }
      if (check.cell !== null) answers[id] = check.cell;
    }
  }

  let extra: Record<string, string> | null = null;
  header.columns.forEach((name, i) => {
    if (name.startsWith(EXTRA_PREFIX) && fields[i] !== "") (extra ??= {})[name] = fields[i];
  });

  if (respondentRef && oneOf(SURVEYS, survey)) {
    const key = `${survey}|${respondentRef}`;
    const first = seen.get(key);
    if (first !== undefined) err("respondent_ref", `Duplicate respondent_ref ${respondentRef} for ${survey}: already on line ${first}`);
    else seen.set(key, line);
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    record: {
      line,
      survey: survey as SurveyCode,
      respondentRef,
      questionnaireVersion: versionId,
      interviewDate: interviewDate!,
      mode: mode as RespondentRecord["mode"],
      role: role as RespondentRecord["role"],
      contactReason: contactReason as RespondentRecord["contactReason"],
      profile,
      weight,
      answers,
      extra,
    },
  };
}
