import "server-only";
import type pg from "pg";
import type { FrameError } from "../../frame/row";
import { openPgConnection } from "../pg";

// The import's error log (FrameImportError): every rejected row's problems,
// stored in batches in line order while the file is read, and the first
// maxReturned kept for the result.

const ERROR_FLUSH = 5_000;

export class FrameErrorLog {
  /** The first maxReturned errors, in line order. */
  readonly errors: FrameError[] = [];
  /** Every error, stored or waiting to be. */
  count = 0;
  private pending: FrameError[] = [];
  // Errors are written on a connection of their own, not Prisma's pool: a first
  // import holds the frame's locks meanwhile, and pool connections waiting on
  // them must not keep its errors from being written.
  private connection: pg.Client | null = null;

  constructor(
    private readonly importId: bigint,
    private readonly maxReturned: number,
  ) {}

  /** Errors of the parse, in line order: kept, and stored once enough wait. */
  async note(batch: readonly FrameError[]): Promise<void> {
    for (const e of batch) {
      this.count++;
      if (this.errors.length < this.maxReturned) this.errors.push(e);
      this.pending.push(e);
    }
    if (this.pending.length >= ERROR_FLUSH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.connection ??= await openPgConnection();
    await this.connection.query(
      `INSERT INTO "FrameImportError" ("importId", "line", "column", "message")
       SELECT $1::bigint, * FROM unnest($2::int[], $3::text[], $4::text[])`,
      [this.importId.toString(), batch.map((e) => e.line), batch.map((e) => storable(e.column)), batch.map((e) => storable(e.message))],
    );
  }

  /**
   * Errors found after the others were stored (duplicates the database found),
   * on `pg` (in its transaction): stored and kept in line order with the others.
   */
  async addInLineOrder(pg: pg.Client, added: FrameError[]): Promise<void> {
    if (added.length === 0) return;
    this.count += added.length;
    this.errors.push(...added);
    this.errors.sort((a, b) => a.line - b.line); // stable: a line's own errors stay in their order
    this.errors.length = Math.min(this.errors.length, this.maxReturned);
    await storeInLineOrder(pg, { importId: this.importId, errors: added });
  }

  async close(): Promise<void> {
    await this.connection?.end().catch(() => undefined);
    this.connection = null;
  }
}

/**
 * Text as PostgreSQL can store it: it refuses a NUL in text (the parse never
 * puts one in a message; this keeps a slip from failing the import).
 */
export function storable<T extends string | null>(text: T): T {
  return (text === null ? null : text.replace(/\u0000/g, "\\0")) as T;
}

/**
 * Adds errors found after the others were stored, keeping the stored errors
 * in line order by id (the error download reads them by id).
 */
export async function storeInLineOrder(pg: pg.Client, { importId, errors: added }: { importId: bigint; errors: FrameError[] }): Promise<void> {
  await pg.query(
    `WITH old AS (DELETE FROM "FrameImportError" WHERE "importId" = $1 RETURNING "id", "line", "column", "message")
     INSERT INTO "FrameImportError" ("importId", "line", "column", "message")
     SELECT $1, "line", "column", "message" FROM (
       SELECT "line", "column", "message", "id" AS o FROM old
       UNION ALL SELECT * , 0 FROM unnest($2::int[], $3::text[], $4::text[])
     ) e ORDER BY "line", o`,
    [importId.toString(), added.map((e) => e.line), added.map((e) => storable(e.column)), added.map((e) => storable(e.message))],
  );
}
