import "server-only";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Respondents } from "@/lib/analysis";
import { databaseUrl } from "@/lib/env";
import { BinaryCopyColumns, type CopyColumnKind } from "../copy-columns";
import { decodeColumn, decodeFloat64, decodeInt32, encodeColumn, encodeFloat64, encodeInt32, type ColumnBytes } from "../column-bytes";
import { DAY_COLUMN, ID_COLUMN, persistedStamps, readPersistedColumns, writePersistedChunk, type PersistedStamp } from "./persisted-columns";
import {
  allColumns,
  ANSWER_PREFIX,
  columnsWithValues,
  type BuiltColumns,
  dayOfMonthStart,
  PHYSICAL_COLUMNS,
  physicalColumns,
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
// - The chunks are persisted too (persisted-columns.ts: RespondentColumn, a
//   version's typed columns as bytes under the generation and snapshot they were
//   read at), so a new process, the CLI or another instance starts from them
//   rather than from every respondent's JSON answers, and patches them as above.
//   Columns read from the respondents are written back after the request (not
//   awaited by it), and a chunk patched with more than PERSIST_AFTER_PATCHED
//   respondents since its stamp was stored is written again; an import of more
//   than MOST_PATCHED respondents writes its surveys' columns itself.

interface Chunk extends RespondentChunk {
  readonly generation: string;
  /** The snapshot (pg_current_snapshot()) the chunk's rows were read in: later changes are those it does not see. */
  readonly snapshot: string;
  /** SurveyRespondent ids, in the chunk's row order. */
  readonly ids: Float64Array;
  readonly columns: Map<string, RawColumn>;
  /** The columns stored in RespondentColumn under this chunk's stamp (generation, snapshot); null: its stamp is not the stored one. */
  readonly persisted: ReadonlySet<string> | null;
  /** Respondents patched in since the chunk's rows were last stored (or read from storage). */
  readonly patched: number;
}

const globalStore = globalThis as unknown as {
  fieldworkRespondentStore?: Map<string, Map<string, Chunk>>;
  fieldworkRespondentPool?: { url: string; pool: pg.Pool };
  fieldworkRespondentReads?: number;
  fieldworkRespondentRowsRead?: number;
  /** Per survey: the table columns last built, for the chunks (at their generations) and period in `key`. */
  fieldworkRespondentTables?: Map<string, { key: string; built: BuiltColumns }>;
  /** Writes of chunks to RespondentColumn still under way (flushRespondentStore awaits them). */
  fieldworkRespondentPersisting?: Set<Promise<void>>;
  /** storeSurveyColumnsLater runs still under way (closeRespondentStore awaits them). */
  fieldworkRespondentStoring?: Set<Promise<void>>;
  fieldworkRespondentPersistedReads?: number;
};

/** How many times columns were read from RespondentColumn in this process (tests, benchmarks). */
export function respondentStorePersistedReads(): number {
  return globalStore.fieldworkRespondentPersistedReads ?? 0;
}

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

/** Waits for the writes of chunks to RespondentColumn under way (tests; the CLI before it closes an embedded database). */
export async function flushRespondentStore(): Promise<void> {
  while (globalStore.fieldworkRespondentPersisting?.size) await Promise.all([...globalStore.fieldworkRespondentPersisting]);
}

/** Ends the store's connections (tests, scripts), after its writes and any storeSurveyColumnsLater under way. */
export async function closeRespondentStore(): Promise<void> {
  while (globalStore.fieldworkRespondentStoring?.size) await Promise.all([...globalStore.fieldworkRespondentStoring]);
  await flushRespondentStore();
  const held = globalStore.fieldworkRespondentPool;
  globalStore.fieldworkRespondentPool = undefined;
  await held?.pool.end();
}

/** Forgets every column held in memory, as a new process starts (tests; the next request starts from RespondentColumn). */
export function clearRespondentStore(): void {
  store().clear();
  globalStore.fieldworkRespondentTables?.clear();
}

/** Also forgets the stored columns (tests: the next request reads the respondents afresh). */
export async function clearPersistedRespondentStore(): Promise<void> {
  await flushRespondentStore();
  clearRespondentStore();
  await pool().query(`DELETE FROM "RespondentColumn"`);
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
  // "a": the respondent's answers parsed once (readColumns).
  if (name.startsWith(ANSWER_PREFIX)) return { sql: `("a" -> ${client.escapeLiteral(name.slice(ANSWER_PREFIX.length))})::text`, kind: "json" };
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
  // The answers are json (their text): parsed into jsonb once per respondent, in
  // a subquery the planner keeps (OFFSET 0), not once per answer read from them.
  const answers = names.some((name) => name.startsWith(ANSWER_PREFIX)) ? `, "answers"::jsonb AS "a"` : "";
  const sql = `COPY (SELECT ${select.join(", ")} FROM (SELECT *${answers} FROM "SurveyRespondent" WHERE "survey" = ${client.escapeLiteral(survey)}::"Survey" AND "questionnaireVersion" = ${client.escapeLiteral(version)}${only} OFFSET 0) r) TO STDOUT (FORMAT binary)`;
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

/**
 * Every column of the survey's respondents read into the store and written to
 * RespondentColumn (after an import that changed more than 10,000 respondents of
 * a version: every process would otherwise read them again from their answers).
 */
export async function storeSurveyColumns(survey: string): Promise<void> {
  await currentChunks(survey, physicalColumns(survey, allColumns(survey)));
  await flushRespondentStore();
}

/**
 * storeSurveyColumns for each survey, after the caller's own work (an import
 * that has committed) and not awaited by it; closeRespondentStore waits for it.
 * Never rejects: a survey that cannot be stored is told to `failed` (its next
 * request reads the respondents instead).
 */
export function storeSurveyColumnsLater(surveys: readonly string[], failed: (survey: string, error: unknown) => void): Promise<void> {
  const run = (async () => {
    for (const survey of surveys) {
      try {
        await storeSurveyColumns(survey);
      } catch (error) {
        failed(survey, error);
      }
    }
  })();
  globalStore.fieldworkRespondentStoring ??= new Set();
  const held = globalStore.fieldworkRespondentStoring;
  held.add(run);
  void run.then(() => held.delete(run));
  return run;
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
  const keep = rowsKept(chunk, changed);
  const k = keep ? keep.length : chunk.n;
  const n = k + read.n;
  const ids = new Float64Array(n);
  const day = new Int32Array(n);
  copyKept(chunk.ids, keep, ids);
  copyKept(chunk.day, keep, day);
  ids.set(read.ids, k);
  day.set(read.day!, k);
  const columns = new Map<string, RawColumn>();
  for (const [name, col] of chunk.columns) {
    const add = read.columns.get(name)!;
    if (col.kind === "numbers" && add.kind === "numbers") {
      const values = new Float64Array(n);
      copyKept(col.values, keep, values);
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
      copyKept(col.codes, keep, codes);
      for (let j = 0; j < read.n; j++) codes[k + j] = add.codes[j] < 0 ? -1 : remap[add.codes[j]];
      columns.set(name, { kind: "values", values, codes });
    } else throw new Error(`Column ${name} changed kind`);
  }
  return { version: chunk.version, generation, snapshot, n, ids, day, columns, persisted: null, patched: chunk.patched + changed.length };
}

/**
 * The chunk's rows that stay when `changed` are dropped, or null when all do
 * (a new respondent, the usual completed interview: its columns are copied whole).
 */
function rowsKept(chunk: Chunk, changed: readonly number[]): Int32Array | null {
  const gone = new Set(changed);
  let dropped = 0;
  for (let i = 0; i < chunk.n; i++) if (gone.has(chunk.ids[i])) dropped++;
  if (dropped === 0) return null;
  const keep = new Int32Array(chunk.n - dropped);
  for (let i = 0, j = 0; i < chunk.n; i++) if (!gone.has(chunk.ids[i])) keep[j++] = i;
  return keep;
}

function copyKept(from: Float64Array | Int32Array, keep: Int32Array | null, into: Float64Array | Int32Array): void {
  if (!keep) into.set(from);
  else for (let j = 0; j < keep.length; j++) into[j] = from[keep[j]];
}

/** Past this many respondents patched in since a chunk was stored, it is stored again (a new process would otherwise patch them too). */
const PERSIST_AFTER_PATCHED = 1_000;

/**
 * The version's chunk as stored (the named columns it holds, with id and day),
 * or, for a chunk held in memory under the stored stamp, those of its missing
 * columns that are stored.
 */
async function fromStorage(
  client: pg.PoolClient,
  survey: string,
  version: string,
  stamp: PersistedStamp,
  chunk: Chunk | undefined,
  names: readonly string[],
): Promise<Chunk | undefined> {
  if (chunk && (chunk.generation !== stamp.generation || chunk.snapshot !== stamp.snapshot)) return chunk;
  const wanted = names.filter((name) => stamp.columns.has(name) && !chunk?.columns.has(name));
  if (chunk && wanted.length === 0) return chunk;
  const what = `${survey} ${version}`;
  const read = await readPersistedColumns(client, survey, version, chunk ? wanted : [ID_COLUMN, DAY_COLUMN, ...wanted]);
  globalStore.fieldworkRespondentPersistedReads = respondentStorePersistedReads() + 1;
  const n = stamp.respondents;
  const columns = new Map(chunk?.columns ?? []);
  for (const name of wanted) columns.set(name, decodeColumn(read.get(name)!, n, `${what} ${name}`));
  const persisted = new Set([...(chunk?.persisted ?? []), ...wanted]);
  if (chunk) return { ...chunk, columns, persisted };
  const ids = decodeFloat64(read.get(ID_COLUMN)!.data, n, `${what} id`);
  const day = decodeInt32(read.get(DAY_COLUMN)!.data, n, `${what} day`);
  return { version, generation: stamp.generation, snapshot: stamp.snapshot, n, ids, day, columns, persisted, patched: 0 };
}

/** Stores the chunk's columns not stored under its stamp yet, after the request (flushRespondentStore waits for it). */
function persistLater(survey: string, chunk: Chunk): void {
  const whole = chunk.persisted === null;
  const columns = new Map<string, ColumnBytes>();
  if (whole) {
    columns.set(ID_COLUMN, { values: null, data: encodeFloat64(chunk.ids) });
    columns.set(DAY_COLUMN, { values: null, data: encodeInt32(chunk.day) });
  }
  for (const [name, col] of chunk.columns) if (whole || !chunk.persisted!.has(name)) columns.set(name, encodeColumn(col));
  const write = (async () => {
    const client = await pool().connect();
    const ignore = () => undefined; // a connection lost mid-write (a database dropped, a restart): the write is lost, nothing else
    client.on("error", ignore);
    let failed: Error | undefined;
    try {
      await writePersistedChunk(client, survey, { version: chunk.version, generation: chunk.generation, snapshot: chunk.snapshot, n: chunk.n, columns });
    } catch (error) {
      failed = error as Error;
    } finally {
      client.off("error", ignore);
      client.release(failed); // a failed connection is not handed out again
    }
  })().catch(() => undefined); // a failed write costs the next process a read of the respondents, nothing else
  globalStore.fieldworkRespondentPersisting ??= new Set();
  const held = globalStore.fieldworkRespondentPersisting;
  const tracked = write.then(() => void held.delete(tracked));
  held.add(tracked);
}

/** The survey's chunks at their current generations, with the columns asked for. */
async function currentChunks(survey: string, names: readonly string[]): Promise<Chunk[]> {
  const client = await pool().connect();
  // A connection lost mid-read (a restart) rejects the query under way; the event alone must not end the process.
  const lost = () => undefined;
  client.on("error", lost);
  let failed: Error | undefined;
  const toPersist: Chunk[] = [];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await client.query<{ version: string; generation: string; snapshot: string; respondents: number }>(
      `SELECT "questionnaireVersion" AS version, "generation"::text AS generation, pg_current_snapshot()::text AS snapshot, "respondents"
       FROM "RespondentGeneration" WHERE "survey" = $1::"Survey" ORDER BY 1`,
      [survey],
    );
    const held = store().get(survey) ?? new Map<string, Chunk>();
    const next = new Map<string, Chunk>();
    // What is stored (no data yet): only asked when memory lacks a version or a column.
    const lacking = rows.some(({ version }) => !held.get(version) || names.some((n) => !held.get(version)!.columns.has(n)));
    const stored = lacking ? await persistedStamps(client, survey) : new Map<string, PersistedStamp>();
    for (const { version, generation, snapshot, respondents } of rows) {
      let chunk = held.get(version);
      const stamp = stored.get(version);
      if (stamp) chunk = await fromStorage(client, survey, version, stamp, chunk, names);
      let dirty = false;
      if (chunk && chunk.generation !== generation) {
        // Changed since it was read: patch in the respondents that changed, when few did.
        const changed = await changedSince(client, survey, chunk);
        if (changed) {
          const read = await readColumns(client, survey, version, [...chunk.columns.keys()], true, changed);
          chunk = patchChunk(chunk, changed, read, generation, snapshot);
          dirty = chunk.patched > PERSIST_AFTER_PATCHED;
        } else chunk = undefined;
      }
      const missing = chunk ? names.filter((n) => !chunk!.columns.has(n)) : [...names];
      if (!chunk || missing.length > 0) {
        const read = await readColumns(client, survey, version, missing, !chunk, undefined, chunk?.n ?? respondents);
        const columns = new Map(chunk?.columns ?? []);
        for (const [k, v] of chunk ? alignTo(chunk.ids, read, `${survey} ${version}`) : read.columns) columns.set(k, v);
        chunk = chunk
          ? { ...chunk, columns }
          : { version, generation, snapshot, n: read.n, ids: read.ids, day: read.day!, columns, persisted: null, patched: 0 };
        dirty = true;
      }
      if (dirty) {
        toPersist.push(chunk); // as it stands: what its stamp lacks in storage is written
        chunk = { ...chunk, persisted: new Set(chunk.columns.keys()), patched: 0 };
      }
      next.set(version, chunk);
    }
    await client.query("COMMIT");
    store().set(survey, next);
    for (const chunk of toPersist) persistLater(survey, chunk);
    return [...next.values()];
  } catch (error) {
    failed = error as Error;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.off("error", lost);
    client.release(failed); // a failed connection is not handed out again
  }
}
