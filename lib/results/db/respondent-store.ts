import "server-only";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Respondents } from "@/lib/analysis";
import { databaseUrl } from "@/lib/env";
import { BinaryCopyColumns, type CopyColumnKind } from "../copy-columns";
import {
  ANSWER_PREFIX,
  columnsWithValues,
  type BuiltColumns,
  dayOfMonthStart,
  PHYSICAL_COLUMNS,
  tableFromChunks,
  valuesInTableOrder,
  type RawColumn,
  type RespondentChunk,
} from "../respondent-columns";

// Respondents for analysis, read straight into typed columns and kept per
// (survey, questionnaire version) for the requests that follow.
//
// - Only the columns a request names are read, with binary COPY (no row objects,
//   answers taken out of the JSON by PostgreSQL one question at a time).
// - Each chunk carries the generation of its (survey, version) row in
//   RespondentGeneration, which triggers on SurveyRespondent bump in the
//   transaction of any change (an import, a completed interview, a correction,
//   a deletion). A request reads the generations and any missing columns in one
//   REPEATABLE READ snapshot, so a chunk never mixes data of two generations and
//   every instance of the app sees another's change on its next request.
// - A chunk whose generation moved is patched when few respondents changed: the
//   triggers log which ones (RespondentChange) against the changing transaction,
//   and the respondents changed since the chunk's snapshot are read again by id
//   (a completed interview costs a look-up, not a read of every respondent). A
//   larger change (an import) logs "everything", and the version is read again.
// - The period is the respondent's periodMonth (README "Periods": the contact
//   month its sample drew for fieldwork, the interview month for imports), so
//   months, quarters and the from/to filter follow whatever the projection stores.

interface Chunk extends RespondentChunk {
  readonly generation: string;
  /** The snapshot (pg_current_snapshot()) the chunk's rows were read in: later changes are those it does not see. */
  readonly snapshot: string;
  /** SurveyRespondent ids, in the chunk's row order. */
  readonly ids: Float64Array;
  readonly columns: Map<string, RawColumn>;
}

const globalStore = globalThis as unknown as {
  fieldworkRespondentStore?: Map<string, Map<string, Chunk>>;
  fieldworkRespondentPool?: { url: string; pool: pg.Pool };
  fieldworkRespondentReads?: number;
  fieldworkRespondentRowsRead?: number;
  /** Per survey: the table columns last built, for the chunks (at their generations) and period in `key`. */
  fieldworkRespondentTables?: Map<string, { key: string; built: BuiltColumns }>;
};

/** How many times columns were read from PostgreSQL in this process (tests, benchmarks). */
export function respondentStoreReads(): number {
  return globalStore.fieldworkRespondentReads ?? 0;
}

/** How many respondents' rows those reads returned (tests: a patch reads the changed ones only). */
export function respondentStoreRowsRead(): number {
  return globalStore.fieldworkRespondentRowsRead ?? 0;
}

function store(): Map<string, Map<string, Chunk>> {
  globalStore.fieldworkRespondentStore ??= new Map();
  return globalStore.fieldworkRespondentStore;
}

function pool(): pg.Pool {
  const url = databaseUrl();
  const held = globalStore.fieldworkRespondentPool;
  if (held && held.url === url) return held.pool;
  // A small pool of its own (COPY needs node-postgres); idle connections let a CLI process exit.
  const created = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
  created.on("error", () => undefined);
  globalStore.fieldworkRespondentPool = { url, pool: created };
  return created;
}

/** Ends the store's connections (tests, scripts). */
export async function closeRespondentStore(): Promise<void> {
  const held = globalStore.fieldworkRespondentPool;
  globalStore.fieldworkRespondentPool = undefined;
  await held?.pool.end();
}

/** Forgets every cached column (tests; the next request reads afresh). */
export function clearRespondentStore(): void {
  store().clear();
  globalStore.fieldworkRespondentTables?.clear();
}

/**
 * The columns built for these chunks and this period by an earlier request, to
 * reuse (one set per survey: the last chunks and period asked for). A new
 * generation of any chunk, or another period, starts a new set.
 */
function builtColumns(survey: string, chunks: readonly Chunk[], fromDay: number, toDay: number): BuiltColumns {
  const key = `${chunks.map((c) => `${c.version}@${c.generation}`).join(",")}|${fromDay}|${toDay}`;
  globalStore.fieldworkRespondentTables ??= new Map();
  const held = globalStore.fieldworkRespondentTables.get(survey);
  if (held?.key === key) return held.built;
  const built: BuiltColumns = new Map();
  globalStore.fieldworkRespondentTables.set(survey, { key, built });
  return built;
}

function expression(client: pg.PoolClient, name: string): { sql: string; kind: CopyColumnKind } {
  if (name.startsWith(ANSWER_PREFIX)) return { sql: `("answers" -> ${client.escapeLiteral(name.slice(ANSWER_PREFIX.length))})::text`, kind: "json" };
  const c = PHYSICAL_COLUMNS[name];
  return { sql: c.sql, kind: c.kind };
}

interface ReadColumns {
  n: number;
  ids: Float64Array;
  day: Int32Array | null;
  columns: Map<string, RawColumn>;
}

async function readColumns(
  client: pg.PoolClient,
  survey: string,
  version: string,
  names: readonly string[],
  withDay: boolean,
  onlyIds?: readonly number[],
  /** the rows expected (RespondentGeneration's count, read in the same snapshot): the columns are allocated once */
  expectedRows?: number,
): Promise<ReadColumns> {
  const exprs = names.map((name) => expression(client, name));
  const lead = withDay ? 2 : 1;
  const select = [`"id"`, ...(withDay ? [`("periodMonth" - DATE '1970-01-01')`] : []), ...exprs.map((e) => e.sql)];
  const reader = new BinaryCopyColumns([...(["int8"] as const), ...(withDay ? (["int4"] as const) : []), ...exprs.map((e) => e.kind)], expectedRows);
  // No ORDER BY (a sort of every row): the ids say how later reads line up.
  const only = onlyIds ? ` AND "id" = ANY('{${onlyIds.map((id) => String(Math.trunc(id))).join(",")}}'::bigint[])` : "";
  const sql = `COPY (SELECT ${select.join(", ")} FROM "SurveyRespondent" WHERE "survey" = ${client.escapeLiteral(survey)}::"Survey" AND "questionnaireVersion" = ${client.escapeLiteral(version)}${only}) TO STDOUT (FORMAT binary)`;
  globalStore.fieldworkRespondentReads = respondentStoreReads() + 1;
  await pipeline(
    client.query(copyTo(sql)),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        try {
          reader.write(chunk);
          done();
        } catch (error) {
          done(error as Error);
        }
      },
    }),
  );
  globalStore.fieldworkRespondentRowsRead = respondentStoreRowsRead() + reader.rows;
  const out = reader.columns();
  const columns = new Map<string, RawColumn>();
  names.forEach((name, i) => columns.set(name, out.column(i + lead)));
  const ids = out.column(0);
  return { n: reader.rows, ids: ids.kind === "numbers" ? ids.values : new Float64Array(0), day: withDay ? out.int4(1) : null, columns };
}

/** Columns read later, put in the chunk's row order (usually already the same: a scan of the same rows). */
function alignTo(chunkIds: Float64Array, read: ReadColumns, what: string): Map<string, RawColumn> {
  if (read.n !== chunkIds.length) throw new Error(`Respondents of ${what} changed without a new generation`);
  let same = true;
  for (let i = 0; i < read.n; i++)
    if (read.ids[i] !== chunkIds[i]) {
      same = false;
      break;
    }
  if (same) return read.columns;
  const at = new Map<number, number>();
  read.ids.forEach((id, j) => at.set(id, j));
  const order = Int32Array.from(chunkIds, (id) => {
    const j = at.get(id);
    if (j === undefined) throw new Error(`Respondents of ${what} changed without a new generation`);
    return j;
  });
  const out = new Map<string, RawColumn>();
  for (const [name, col] of read.columns) {
    if (col.kind === "numbers") out.set(name, { kind: "numbers", values: Float64Array.from(order, (j) => col.values[j]) });
    else out.set(name, { kind: "values", values: col.values, codes: Int32Array.from(order, (j) => col.codes[j]) });
  }
  return out;
}

export interface LoadRespondentColumnsInput {
  readonly survey: string;
  /** YYYY-MM: respondents whose period is this month or later. */
  readonly from?: string;
  /** YYYY-MM: respondents whose period is this month or earlier. */
  readonly to?: string;
  /** Physical columns (respondent-columns.ts physicalColumns). */
  readonly columns: readonly string[];
}

/** The request's respondents as a lib/analysis table (questionnaire_version, month and quarter always). */
export async function loadRespondentColumns(input: LoadRespondentColumnsInput): Promise<Respondents> {
  const chunks = await currentChunks(input.survey, input.columns);
  const { fromDay, toDay } = dayRange(input);
  return tableFromChunks(input.survey, chunks, fromDay, toDay, input.columns, builtColumns(input.survey, chunks, fromDay, toDay));
}

/** The questions (of those named) that some respondent of the period answered: the question's key is in their answers. */
export async function answeredQuestions(input: { survey: string; from?: string; to?: string; questions: readonly string[] }): Promise<Set<string>> {
  const names = input.questions.map((q) => ANSWER_PREFIX + q);
  const chunks = await currentChunks(input.survey, names);
  const { fromDay, toDay } = dayRange(input);
  return new Set([...columnsWithValues(chunks, fromDay, toDay, names)].map((name) => name.slice(ANSWER_PREFIX.length)));
}

/** loadRespondentColumns's table and each of its rows' SurveyRespondent id (the respondent-level export lines its file up by them). */
export async function loadRespondentColumnsWithIds(input: LoadRespondentColumnsInput): Promise<{ table: Respondents; ids: Float64Array }> {
  const chunks = await currentChunks(input.survey, input.columns);
  const { fromDay, toDay } = dayRange(input);
  return { table: tableFromChunks(input.survey, chunks, fromDay, toDay, input.columns), ids: valuesInTableOrder(chunks, fromDay, toDay, (c) => c.ids) };
}

/** The request's months as days since 1970-01-01: [fromDay, toDay). */
function dayRange(input: Pick<LoadRespondentColumnsInput, "from" | "to">): { fromDay: number; toDay: number } {
  return { fromDay: input.from ? dayOfMonthStart(input.from) : -Infinity, toDay: input.to ? dayOfMonthStart(nextMonth(input.to)) : Infinity };
}

function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** Changes past this many respondents are read as a whole version again rather than patched in. */
const MOST_PATCHED = 10_000;

/**
 * The respondents of a chunk's version changed since its snapshot (the
 * RespondentChange log), or null when the version must be read again: a change
 * too large to log respondent by respondent, or too many changes to patch.
 */
async function changedSince(client: pg.PoolClient, survey: string, chunk: Chunk): Promise<number[] | null> {
  const { rows } = await client.query<{ id: string | null }>(
    `SELECT DISTINCT "respondentId"::text AS id FROM "RespondentChange"
     WHERE "survey" = $1::"Survey" AND "questionnaireVersion" = $2 AND NOT pg_visible_in_snapshot("txid"::text::xid8, $3::pg_snapshot)`,
    [survey, chunk.version, chunk.snapshot],
  );
  if (rows.length === 0 || rows.length > MOST_PATCHED || rows.some((r) => r.id === null)) return null;
  return rows.map((r) => Number(r.id));
}

/**
 * A chunk with some respondents re-read: those changed are dropped and their rows
 * now (`read`: the changed ids still in this version, every column the chunk
 * holds) appended. Row order differs from a fresh read's; nothing depends on it.
 */
function patchChunk(chunk: Chunk, changed: readonly number[], read: ReadColumns, generation: string, snapshot: string): Chunk {
  const gone = new Set(changed);
  const keep: number[] = [];
  for (let i = 0; i < chunk.n; i++) if (!gone.has(chunk.ids[i])) keep.push(i);
  const k = keep.length;
  const n = k + read.n;
  const ids = new Float64Array(n);
  const day = new Int32Array(n);
  keep.forEach((i, j) => {
    ids[j] = chunk.ids[i];
    day[j] = chunk.day[i];
  });
  ids.set(read.ids, k);
  day.set(read.day!, k);
  const columns = new Map<string, RawColumn>();
  for (const [name, col] of chunk.columns) {
    const add = read.columns.get(name)!;
    if (col.kind === "numbers" && add.kind === "numbers") {
      const values = new Float64Array(n);
      keep.forEach((i, j) => (values[j] = col.values[i]));
      values.set(add.values, k);
      columns.set(name, { kind: "numbers", values });
    } else if (col.kind === "values" && add.kind === "values") {
      // The chunk's distinct values, then any new ones.
      const key = (v: unknown) => (typeof v === "string" ? `s:${v}` : JSON.stringify(v));
      const values = [...col.values];
      const at = new Map(values.map((v, c) => [key(v), c]));
      const remap = Int32Array.from(add.values, (v) => {
        let c = at.get(key(v));
        if (c === undefined) {
          c = values.length;
          values.push(v);
          at.set(key(v), c);
        }
        return c;
      });
      const codes = new Int32Array(n);
      keep.forEach((i, j) => (codes[j] = col.codes[i]));
      for (let j = 0; j < read.n; j++) codes[k + j] = add.codes[j] < 0 ? -1 : remap[add.codes[j]];
      columns.set(name, { kind: "values", values, codes });
    } else throw new Error(`Column ${name} changed kind`);
  }
  return { version: chunk.version, generation, snapshot, n, ids, day, columns };
}

/** The survey's chunks at their current generations, with the columns asked for. */
async function currentChunks(survey: string, names: readonly string[]): Promise<Chunk[]> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ version: string; generation: string; snapshot: string; respondents: number }>(
      `SELECT "questionnaireVersion" AS version, "generation"::text AS generation, pg_current_snapshot()::text AS snapshot, "respondents"
       FROM "RespondentGeneration" WHERE "survey" = $1::"Survey" ORDER BY 1`,
      [survey],
    );
    const held = store().get(survey) ?? new Map<string, Chunk>();
    const next = new Map<string, Chunk>();
    for (const { version, generation, snapshot, respondents } of rows) {
      let chunk = held.get(version);
      if (chunk && chunk.generation !== generation) {
        // Changed since it was read: patch in the respondents that changed, when few did.
        const changed = await changedSince(client, survey, chunk);
        if (changed) {
          const read = await readColumns(client, survey, version, [...chunk.columns.keys()], true, changed);
          chunk = patchChunk(chunk, changed, read, generation, snapshot);
        } else chunk = undefined;
      }
      const missing = chunk ? names.filter((n) => !chunk!.columns.has(n)) : [...names];
      if (!chunk || missing.length > 0) {
        const read = await readColumns(client, survey, version, missing, !chunk, undefined, chunk?.n ?? respondents);
        const columns = new Map(chunk?.columns ?? []);
        for (const [k, v] of chunk ? alignTo(chunk.ids, read, `${survey} ${version}`) : read.columns) columns.set(k, v);
        chunk = chunk ? { ...chunk, columns } : { version, generation, snapshot, n: read.n, ids: read.ids, day: read.day!, columns };
      }
      next.set(version, chunk);
    }
    await client.query("COMMIT");
    store().set(survey, next);
    return [...next.values()];
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
