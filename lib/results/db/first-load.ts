import "server-only";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { abandonTransaction, openPgConnection } from "@/lib/sampling/db/pg";
import { laterRows } from "../duplicates";
import type { RowError } from "../response-csv";
import type { ResponseStream } from "../response-stream";

// The first import into an empty SurveyRespondent (issue 16): the rows are
// COPY'd straight into the table while the file is parsed, as the frame's
// first import does (lib/sampling/db/frame-import/first-load.ts), with no
// staging table and no second pass. One transaction holds the table
// exclusively from before the file is read; its secondary indexes and foreign
// keys are dropped first and built once at the end, from the catalog's
// definitions. The unique index on (survey, respondentRef) is built first: if
// the file named a respondent twice it fails, and the later rows are found by
// one grouped scan, taken out, and it is built again.
//
// PostgreSQL's COPY runs on one core (parsing the answers' JSON is most of it),
// so a file of more than one chunk is COPY'd on two connections at once: the
// chunks alternate between the import's transaction, into the table, and a
// second connection, into an unlogged table of its own (created and filled in
// one transaction, FREEZE, committed). The import's transaction then moves
// those rows across in one INSERT ... SELECT (no JSON parsed again) and the
// second table is dropped whatever happens. The ids come from the sequence in
// that order: the first connection's rows, then the second's, each in file
// order (`lineOf` below puts them back against the file's lines).

/** SurveyRespondent's columns in the order response-chunk.ts writes a first import's rows. */
export const RESPONDENT_COPY_COLUMNS = `"survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason",
  "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId"`;

type Definition = { name: string; definition: string };

/**
 * SurveyRespondent's secondary indexes (not the primary key) and its foreign
 * keys, as the catalog defines them: dropped for a bulk load and built again
 * from these definitions (here, and a large later import, import-responses.ts).
 */
export async function indexesAndKeys(query: (sql: string) => Promise<unknown[]>): Promise<{ indexes: Definition[]; keys: Definition[] }> {
  const indexes = (await query(
    `SELECT c.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
     WHERE x.indrelid = '"SurveyRespondent"'::regclass AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) ORDER BY 1`,
  )) as Definition[];
  const keys = (await query(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = '"SurveyRespondent"'::regclass AND contype = 'f' ORDER BY 1`,
  )) as Definition[];
  return { indexes, keys };
}

export interface FirstLoad {
  /** COPYs the rows (response-stream.ts with `direct`) into the table. */
  copy(text: AsyncIterable<Uint8Array>): Promise<void>;
  /** Builds the unique index; a respondent the file names twice is kept once (its first row): the errors for the others. */
  settleDuplicates(stream: ResponseStream): Promise<RowError[]>;
  /** Builds the other indexes and the keys, records the import (`record`, on this transaction) and commits. */
  complete(record: (pg: pg.Client) => Promise<void>): Promise<void>;
  /** Rolls back and closes (idempotent; nothing of the import stays). */
  abandon(): Promise<void>;
}

/** Null, changing nothing, when SurveyRespondent is not empty (the caller stages and upserts). */
export async function startFirstLoad(): Promise<FirstLoad | null> {
  const pg = await openPgConnection();
  const { rows: session } = await pg.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  let open = true;
  let copying = false;
  const abandon = async () => {
    if (!open) return;
    open = false;
    await abandonTransaction(pg, session[0].pid, copying);
  };
  try {
    await pg.query("BEGIN");
    // Nothing else reads or writes respondents until this commits.
    await pg.query(`LOCK TABLE "SurveyRespondent" IN ACCESS EXCLUSIVE MODE`);
    const { rows: any } = await pg.query(`SELECT 1 FROM "SurveyRespondent" LIMIT 1`);
    if (any.length > 0) {
      await abandon();
      return null;
    }
    // Emptied in this transaction (it was empty: nothing is lost), so COPY can
    // write the rows frozen (FREEZE): no later pass sets their hint bits, and
    // nothing references respondents, so TRUNCATE is allowed.
    await pg.query(`TRUNCATE "SurveyRespondent"`);
    await pg.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await pg.query(`SET LOCAL work_mem = '256MB'`);
    const { indexes, keys } = await indexesAndKeys(async (sql) => (await pg.query(sql)).rows);
    for (const k of keys) await pg.query(`ALTER TABLE "SurveyRespondent" DROP CONSTRAINT "${k.name}"`);
    for (const i of indexes) await pg.query(`DROP INDEX "${i.name}"`);
    // The primary key too, built again after the rows (maintaining it row by
    // row cost more than building it); no foreign key references respondents.
    const { rows: primary } = await pg.query<Definition>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = '"SurveyRespondent"'::regclass AND contype = 'p'`,
    );
    for (const k of primary) await pg.query(`ALTER TABLE "SurveyRespondent" DROP CONSTRAINT "${k.name}"`);
    const unique = indexes.filter((i) => i.definition.startsWith("CREATE UNIQUE"));
    const others = indexes.filter((i) => !i.definition.startsWith("CREATE UNIQUE"));

    // Each chunk's rows and the connection they went to (0: the table, 1: the second table), in file order.
    const routed: { side: 0 | 1; rows: number }[] = [];
    let second: SecondCopy | null = null;
    const closeSecond = async () => {
      const held = second;
      second = null;
      await held?.close();
    };
    const abandonAll = async () => {
      await abandon();
      await closeSecond();
    };

    return {
      async copy(text) {
        // Read before this connection's COPY starts (it takes no other statement until that ends).
        const secondTable = await secondTableColumns(pg);
        copying = true;
        const first = new PassThrough({ highWaterMark: 2 << 20 });
        const copies: Promise<void>[] = [pipeline(first, pg.query(copyFrom(`COPY "SurveyRespondent" (${RESPONDENT_COPY_COLUMNS}) FROM STDIN WITH (FREEZE)`)))];
        // Rejects as soon as either COPY fails (a wait for room must not outlive it).
        let failedCopy: Promise<never> = new Promise<never>(() => undefined);
        const watch = (copy: Promise<void>) => {
          const failed = copy.then(() => new Promise<never>(() => undefined));
          failed.catch(() => undefined);
          failedCopy = Promise.race([failedCopy, failed]);
        };
        watch(copies[0]);
        const inputs: PassThrough[] = [first];
        try {
          for await (const chunk of wholeLines(text)) {
            const side: 0 | 1 = routed.length % 2 === 1 ? 1 : 0;
            if (side === 1 && second === null) {
              second = await startSecondCopy(secondTable);
              inputs.push(second.input);
              copies.push(second.done);
              watch(second.done);
            }
            routed.push({ side, rows: countLines(chunk) });
            // At most a couple of chunks queued ahead of each COPY (memory stays flat).
            if (!inputs[side].write(chunk)) await Promise.race([once(inputs[side], "drain"), failedCopy]);
          }
          for (const input of inputs) input.end();
          await Promise.all(copies);
        } catch (error) {
          for (const input of inputs) input.destroy();
          await Promise.allSettled(copies);
          throw error;
        }
        copying = false;
        const held = second as SecondCopy | null;
        if (held) {
          await held.commit();
          // Its rows after the table's own, in the order they were written (one COPY: the heap's order).
          await pg.query(`SET LOCAL synchronize_seqscans = off`);
          await pg.query(`INSERT INTO "SurveyRespondent" (${RESPONDENT_COPY_COLUMNS}) SELECT ${RESPONDENT_COPY_COLUMNS} FROM "${held.table}"`);
        }
      },
      async settleDuplicates(stream) {
        const errors: RowError[] = [];
        // Ids come from the table's sequence in COPY order, one after another
        // (the table is locked): the first is the last less the rows copied.
        let firstId = 0;
        if (stream.valid > 0) {
          const { rows: last } = await pg.query<{ id: string }>(`SELECT currval(pg_get_serial_sequence('"SurveyRespondent"', 'id'))::text AS id`);
          firstId = Number(last[0].id) - stream.valid + 1;
        }
        const at = idOrder(routed, stream.valid);
        const lineOf = (id: string) => stream.lines[at(Number(id) - firstId)];
        type Row = { at: number; ok: boolean; id: string | null };
        const byKey = new Map<string, { survey: string; ref: string; rows: Row[] }>();
        const add = (survey: string, ref: string, row: Row) => {
          const k = `${survey}|${ref}`;
          let g = byKey.get(k);
          if (!g) byKey.set(k, (g = { survey, ref, rows: [] }));
          if (row.id === null || !g.rows.some((r) => r.id === row.id)) g.rows.push(row);
        };
        for (const k of primary) await pg.query(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
        let built = true;
        for (const u of unique) {
          await pg.query("SAVEPOINT unique_index");
          try {
            await pg.query(u.definition);
          } catch (error) {
            if ((error as { code?: string }).code !== "23505") throw error;
            await pg.query("ROLLBACK TO SAVEPOINT unique_index");
            built = false;
          }
        }
        if (!built) {
          const { rows } = await pg.query<{ s: string; ref: string; ids: string[] }>(
            `SELECT "survey"::text AS s, "respondentRef" AS ref, array_agg("id"::text) AS ids FROM "SurveyRespondent"
             GROUP BY "survey", "respondentRef" HAVING count(*) > 1`,
          );
          for (const g of rows) for (const id of g.ids) add(g.s, g.ref, { at: lineOf(id), ok: true, id });
        }
        if (stream.keys.length > 0) {
          // Rejected rows a later valid row may repeat (or that repeat an earlier one).
          const { rows } = await pg.query<{ s: string; ref: string; id: string }>(
            `SELECT "survey"::text AS s, "respondentRef" AS ref, "id"::text AS id FROM "SurveyRespondent"
             WHERE ("survey", "respondentRef") IN (SELECT k.s::"Survey", k.r FROM unnest($1::text[], $2::text[]) AS k(s, r))`,
            [stream.keys.map((k) => k.survey), stream.keys.map((k) => k.respondentRef)],
          );
          for (const r of rows) add(r.s, r.ref, { at: lineOf(r.id), ok: true, id: r.id });
          for (const k of stream.keys) add(k.survey, k.respondentRef, { at: k.line, ok: false, id: null });
        }
        const drop: string[] = [];
        for (const g of byKey.values()) if (g.rows.length > 1) for (const r of laterRows(g.survey, g.ref, g.rows, errors)) drop.push(r.id!);
        if (drop.length > 0) {
          await pg.query(`DELETE FROM "SurveyRespondent" WHERE "id" = ANY($1::bigint[])`, [drop]);
          stream.valid -= drop.length;
        }
        if (!built) for (const u of unique) await pg.query(u.definition);
        return errors.sort((a, b) => a.line - b.line);
      },
      async complete(record) {
        for (const i of others) await pg.query(i.definition);
        for (const k of keys) await pg.query(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
        await record(pg);
        await pg.query("COMMIT");
        open = false;
        await pg.end().catch(() => undefined);
        await closeSecond();
      },
      abandon: abandonAll,
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}

/** The COPY text in pieces that end at a line's end (the parser's chunks already do; a file read in blocks does not). */
async function* wholeLines(text: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let carry: Uint8Array | null = null;
  for await (const piece of text) {
    const bytes: Uint8Array = carry ? Buffer.concat([carry, piece]) : piece;
    const end = bytes.lastIndexOf(10) + 1;
    carry = end < bytes.length ? bytes.subarray(end) : null;
    if (end > 0) yield bytes.subarray(0, end);
  }
  if (carry) yield carry;
}

/** The COPY text's rows in a chunk: one line each (a newline inside a value is written `\\n`). */
function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
  return n;
}

/**
 * Where the row with id offset `k` (0 = the first id) is in the file's order of
 * valid rows: the table's own rows took the first ids, chunk by chunk, then the
 * second table's. `valid` is the rows copied (the stream's count): a mismatch is a bug.
 */
export function idOrder(routed: readonly { side: 0 | 1; rows: number }[], valid: number): (k: number) => number {
  if (!routed.some((r) => r.side === 1)) return (k) => k;
  const order = new Int32Array(valid);
  let total = 0;
  for (const r of routed) total += r.rows;
  if (total !== valid) throw new Error(`The first import copied ${total} rows but checked ${valid}`);
  let next = 0;
  for (const side of [0, 1] as const) {
    let position = 0;
    for (const r of routed) {
      if (r.side === side) for (let i = 0; i < r.rows; i++) order[next++] = position + i;
      position += r.rows;
    }
  }
  return (k) => order[k];
}

interface SecondCopy {
  readonly table: string;
  readonly input: PassThrough;
  /** Settles when its COPY has ended. */
  readonly done: Promise<void>;
  /** Commits the second table (its rows can then be read by the import's transaction). */
  commit(): Promise<void>;
  /** Drops the second table (after the import's transaction has ended) and closes the connection. */
  close(): Promise<void>;
}

/** SurveyRespondent's COPY columns with their types, for the second table (read by the import's connection: another could not read the locked table). */
async function secondTableColumns(importConnection: pg.Client): Promise<string> {
  const { rows } = await importConnection.query<{ definition: string }>(
    `SELECT string_agg(format('%I %s', attname, format_type(atttypid, atttypmod)), ', ' ORDER BY array_position($1::text[], attname::text)) AS definition
     FROM pg_attribute WHERE attrelid = '"SurveyRespondent"'::regclass AND attname = ANY($1::text[]) AND NOT attisdropped`,
    [RESPONDENT_COPY_COLUMNS.split(",").map((c) => c.trim().replace(/^"|"$/g, ""))],
  );
  return rows[0].definition;
}

/** A second connection COPYing into an unlogged table of its own with these columns (secondTableColumns). */
async function startSecondCopy(columns: string): Promise<SecondCopy> {
  const table = `respondent_first_load_${randomBytes(6).toString("hex")}`;
  const client = await openPgConnection();
  const { rows: session } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  let copying = false;
  let committed = false;
  let closed = false;
  try {
    await client.query("BEGIN");
    await client.query(`CREATE UNLOGGED TABLE "${table}" (${columns})`);
  } catch (error) {
    await abandonTransaction(client, session[0].pid, false);
    throw error;
  }
  const input = new PassThrough({ highWaterMark: 2 << 20 });
  copying = true;
  const done = pipeline(input, client.query(copyFrom(`COPY "${table}" (${RESPONDENT_COPY_COLUMNS}) FROM STDIN WITH (FREEZE)`))).finally(() => {
    copying = false;
  });
  done.catch(() => undefined);
  return {
    table,
    input,
    done,
    async commit() {
      await client.query("COMMIT");
      committed = true;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (!committed) {
        await abandonTransaction(client, session[0].pid, copying);
        return;
      }
      // Waits for the import's transaction to have ended (it read the table).
      await client.query(`DROP TABLE IF EXISTS "${table}"`).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
