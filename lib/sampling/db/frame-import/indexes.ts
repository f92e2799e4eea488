import "server-only";
import type pg from "pg";

// The frame's keys and indexes, read from the catalog, for the imports that drop
// them for a bulk load and build them once afterwards (first-load.ts, merge.ts).

/** The frame's secondary indexes (dropped for a bulk load and built again from these). */
export const SECONDARY_INDEXES = `
  SELECT i.indexname, i.indexdef FROM pg_indexes i
  JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname)
  JOIN pg_index x ON x.indexrelid = c.oid
  WHERE i.schemaname = current_schema() AND i.tablename = 'FrameClient' AND NOT x.indisprimary`;

/** FrameClient's primary key and the foreign keys that reference it, as the catalog has them. */
export async function keyConstraints(pg: pg.Client): Promise<{
  primary: { name: string; definition: string } | null;
  foreign: { name: string; table: string; definition: string }[];
}> {
  const { rows } = await pg.query<{ name: string; table: string; definition: string; type: string }>(
    `SELECT conname AS name, conrelid::regclass::text AS table, pg_get_constraintdef(oid) AS definition, contype AS type
     FROM pg_constraint
     WHERE (conrelid = '"FrameClient"'::regclass AND contype = 'p') OR (confrelid = '"FrameClient"'::regclass AND contype = 'f')
     ORDER BY conname`,
  );
  const primary = rows.find((r) => r.type === "p");
  return {
    primary: primary ? { name: primary.name, definition: primary.definition } : null,
    foreign: rows.filter((r) => r.type === "f").map(({ name, table, definition }) => ({ name, table, definition })),
  };
}

export async function allEmpty(pg: pg.Client, tables: string[]): Promise<boolean> {
  for (const table of new Set(tables)) {
    const { rows } = await pg.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rows.length > 0) return false;
  }
  return true;
}

/** "UNIQUE INDEX "x"" from an index definition: the timing's step name. */
export function indexStepName(indexdef: string): string {
  return indexdef.replace(/ ON .*/, "").replace(/^CREATE /, "");
}
