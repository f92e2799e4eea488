import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { abandonTransaction, openPgConnection } from "@/lib/sampling/db/pg";
import { laterRows } from "../duplicates";
import type { RowError } from "../response-csv";
import type { ResponseStream } from "../response-stream";
import { getQuestionnaireVersion } from "@/lib/questionnaire";

// The first import into an empty SurveyRespondent (issue 16): the rows are
// COPY'd straight into the table while the file is parsed, as the frame's
// first import does (lib/sampling/db/frame-import/first-load.ts), with no
// staging table and no second pass. One transaction holds the table
// exclusively from before the file is read; its secondary indexes and foreign
// keys are dropped first and built once at the end, from the catalog's
// definitions. The unique index on (survey, respondentRef) is built first: if
// the file named a respondent twice it fails, and the later rows are found by
// one grouped scan, taken out, and it is built again. The generation triggers
// (migration 20261205320000) are off while the rows go in: capturing a million
// rows as their transition table cost about a third of the COPY. The versions
// written are noted at the end, by the function the triggers call (migration
// 20261207200000), and the triggers are on again before the commit.

/** SurveyRespondent's columns in the order response-chunk.ts writes a first import's rows. */
export const RESPONDENT_COPY_COLUMNS = `"survey", "respondentRef", "questionnaireVersion", "interviewDate", "periodMonth", "mode", "role", "contactReason",
  "ageBand", "gender", "ethnicity", "health", "serviceLength", "csaClosureLetter", "weight", "answers", "extra", "source", "importId"`;

type Definition = { name: string; definition: string };

/** The triggers a first load's COPY and duplicate removal would fire (migration 20261204300000). */
const GENERATION_TRIGGERS = ["respondent_generation_insert", "respondent_generation_delete"];

/**
 * What the generation triggers would have noted of the rows now in the table
 * (all of them this transaction's, counted by the parse: `versions`, version id
 * to rows, less the duplicates taken out): per (survey, version), in the
 * triggers' order, the triggers' own function; the versions it asks to log
 * one by one get their respondents logged, as the insert trigger logs them.
 */
async function noteGenerations(pg: pg.Client, versions: ReadonlyMap<string, number>): Promise<void> {
  const groups = [...versions].filter(([, n]) => n > 0).map(([version, n]) => [getQuestionnaireVersion(version)!.survey, version, n] as const);
  if (groups.length === 0) return;
  const { rows } = await pg.query<{ s: string; v: string; each: boolean }>(
    `SELECT s::text AS s, v, respondent_generation_note(s, v, n, n) AS each
     FROM (SELECT * FROM unnest($1::"Survey"[], $2::text[], $3::bigint[]) AS g(s, v, n) ORDER BY 1, 2) g`,
    [groups.map((g) => g[0]), groups.map((g) => g[1]), groups.map((g) => g[2])],
  );
  const each = rows.filter((r) => r.each);
  if (each.length === 0) return;
  await pg.query(
    `INSERT INTO "RespondentChange" ("txid", "survey", "questionnaireVersion", "respondentId")
     SELECT txid_current(), "survey", "questionnaireVersion", "id" FROM "SurveyRespondent"
     WHERE ("survey", "questionnaireVersion") IN (SELECT k.s::"Survey", k.v FROM unnest($1::text[], $2::text[]) AS k(s, v))`,
    [each.map((r) => r.s), each.map((r) => r.v)],
  );
}

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
  /**
   * Notes the versions written (`stream.versions`, after settleDuplicates), builds
   * the other indexes and the keys, records the import (`record`, on this
   * transaction) and commits.
   */
  complete(stream: ResponseStream, record: (pg: pg.Client) => Promise<void>): Promise<void>;
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
    await pg.query(`ALTER TABLE "SurveyRespondent" ${GENERATION_TRIGGERS.map((t) => `DISABLE TRIGGER ${t}`).join(", ")}`);
    const unique = indexes.filter((i) => i.definition.startsWith("CREATE UNIQUE"));
    const others = indexes.filter((i) => !i.definition.startsWith("CREATE UNIQUE"));

    return {
      async copy(text) {
        copying = true;
        // At most two chunks' COPY text queued ahead of PostgreSQL (memory stays flat).
        await pipeline(
          Readable.from(text, { highWaterMark: 2 }),
          pg.query(copyFrom(`COPY "SurveyRespondent" (${RESPONDENT_COPY_COLUMNS}) FROM STDIN WITH (FREEZE)`)),
        );
        copying = false;
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
        const lineOf = (id: string) => stream.lines[Number(id) - firstId];
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
          const { rows: dropped } = await pg.query<{ v: string }>(
            `DELETE FROM "SurveyRespondent" WHERE "id" = ANY($1::bigint[]) RETURNING "questionnaireVersion" AS v`,
            [drop],
          );
          for (const { v } of dropped) stream.versions.set(v, stream.versions.get(v)! - 1);
          stream.valid -= drop.length;
        }
        if (!built) for (const u of unique) await pg.query(u.definition);
        return errors.sort((a, b) => a.line - b.line);
      },
      async complete(stream, record) {
        await noteGenerations(pg, stream.versions);
        await pg.query(`ALTER TABLE "SurveyRespondent" ${GENERATION_TRIGGERS.map((t) => `ENABLE TRIGGER ${t}`).join(", ")}`);
        for (const i of others) await pg.query(i.definition);
        for (const k of keys) await pg.query(`ALTER TABLE "SurveyRespondent" ADD CONSTRAINT "${k.name}" ${k.definition}`);
        await record(pg);
        await pg.query("COMMIT");
        open = false;
        await pg.end().catch(() => undefined);
      },
      abandon,
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}
