import "server-only";
import { pipeline } from "node:stream/promises";
import { Writable } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ColumnBytes } from "../column-bytes";

// The respondent store's columns persisted in PostgreSQL (RespondentColumn), so a
// new process reads a version's typed columns (tens of MB of bytes) instead of
// taking every respondent's answers out of their JSON. A version's rows are
// written together, under one stamp: the generation and snapshot its columns
// were read at; "id" (the row order) and "day" are always among them. Readers
// (respondent-store.ts) compare the stamp with RespondentGeneration as they do
// for their memory, and patch or read again; a stale stamp is never wrong, only
// older. Writers of a version take a transaction-level advisory lock, so two
// processes never mix their rows (each read has its own row order).

export interface PersistedStamp {
  readonly generation: string;
  readonly snapshot: string;
  readonly respondents: number;
  /** The physical columns held (besides "id" and "day"). */
  readonly columns: ReadonlySet<string>;
}

export const ID_COLUMN = "id";
export const DAY_COLUMN = "day";

/** Each version's persisted stamp and columns (no data), in the caller's snapshot; a version whose rows disagree is left out. */
export async function persistedStamps(client: pg.PoolClient, survey: string): Promise<Map<string, PersistedStamp>> {
  const { rows } = await client.query<{ version: string; column: string; generation: string; snapshot: string; respondents: number }>(
    `SELECT "questionnaireVersion" AS version, "column", "generation"::text AS generation, "snapshot", "respondents"
     FROM "RespondentColumn" WHERE "survey" = $1::"Survey"`,
    [survey],
  );
  const out = new Map<string, PersistedStamp & { columns: Set<string>; whole: boolean; mixed: boolean }>();
  for (const r of rows) {
    let s = out.get(r.version);
    if (!s) {
      s = { generation: r.generation, snapshot: r.snapshot, respondents: r.respondents, columns: new Set(), whole: false, mixed: false };
      out.set(r.version, s);
    }
    if (s.generation !== r.generation || s.snapshot !== r.snapshot || s.respondents !== r.respondents) s.mixed = true;
    if (r.column !== ID_COLUMN && r.column !== DAY_COLUMN) s.columns.add(r.column);
  }
  const haveIdAndDay = (v: string) => rows.filter((r) => r.version === v && (r.column === ID_COLUMN || r.column === DAY_COLUMN)).length === 2;
  for (const [v, s] of out) if (s.mixed || !haveIdAndDay(v)) out.delete(v);
  return out;
}

/** The named columns of one version as stored (binary COPY: the bytes as they are, no hex text). */
export async function readPersistedColumns(
  client: pg.PoolClient,
  survey: string,
  version: string,
  columns: readonly string[],
): Promise<Map<string, ColumnBytes>> {
  const out = new Map<string, ColumnBytes>();
  if (columns.length === 0) return out;
  const list = columns.map((c) => client.escapeLiteral(c)).join(", ");
  const sql = `COPY (SELECT "column", "values", "data" FROM "RespondentColumn" WHERE "survey" = ${client.escapeLiteral(survey)}::"Survey"
    AND "questionnaireVersion" = ${client.escapeLiteral(version)} AND "column" IN (${list})) TO STDOUT (FORMAT binary)`;
  const parts: Buffer[] = [];
  await pipeline(
    client.query(copyTo(sql)),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        parts.push(chunk);
        done();
      },
    }),
  );
  const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  // PGCOPY\n\377\r\n\0, flags, header extension; then tuples of (int16 fields, (int32 length, bytes)*); -1 ends.
  let pos = 15;
  pos += 4 + buf.readInt32BE(pos);
  for (;;) {
    const fields = buf.readInt16BE(pos);
    pos += 2;
    if (fields === -1) break;
    const field = (): Buffer | null => {
      const len = buf.readInt32BE(pos);
      pos += 4;
      if (len < 0) return null;
      const b = buf.subarray(pos, pos + len);
      pos += len;
      return b;
    };
    const column = field()!.toString("utf8");
    const values = field();
    const data = field()!;
    out.set(column, { values: values === null ? null : values.toString("utf8"), data });
  }
  return out;
}

export interface ChunkToPersist {
  readonly version: string;
  readonly generation: string;
  readonly snapshot: string;
  readonly n: number;
  /** id, day and the physical columns, encoded. */
  readonly columns: ReadonlyMap<string, ColumnBytes>;
}

/**
 * Writes a version's columns under the chunk's stamp: when the version's stored
 * stamp is the chunk's, only the columns it lacks are added; otherwise its rows
 * are replaced by the chunk's. Returns the columns written.
 */
export async function writePersistedChunk(client: pg.PoolClient, survey: string, chunk: ChunkToPersist): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('RespondentColumn:' || $1::text || ':' || $2::text))`, [survey, chunk.version]);
    const { rows } = await client.query<{ column: string; generation: string; snapshot: string }>(
      `SELECT "column", "generation"::text AS generation, "snapshot" FROM "RespondentColumn" WHERE "survey" = $1::"Survey" AND "questionnaireVersion" = $2`,
      [survey, chunk.version],
    );
    const same = rows.length > 0 && rows.every((r) => r.generation === chunk.generation && r.snapshot === chunk.snapshot);
    if (!same) await client.query(`DELETE FROM "RespondentColumn" WHERE "survey" = $1::"Survey" AND "questionnaireVersion" = $2`, [survey, chunk.version]);
    const have = new Set(same ? rows.map((r) => r.column) : []);
    let written = 0;
    for (const [column, bytes] of chunk.columns) {
      if (have.has(column)) continue;
      await client.query(
        `INSERT INTO "RespondentColumn" ("survey", "questionnaireVersion", "column", "generation", "snapshot", "respondents", "values", "data")
         VALUES ($1::"Survey", $2, $3, $4::bigint, $5, $6, $7, $8)`,
        [survey, chunk.version, column, chunk.generation, chunk.snapshot, chunk.n, bytes.values, bytes.data],
      );
      written++;
    }
    await client.query("COMMIT");
    return written;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
