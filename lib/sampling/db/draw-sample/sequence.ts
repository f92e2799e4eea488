import "server-only";
import type pg from "pg";
import { AppError } from "@/lib/errors";
import type { DrawSampleRequest } from "../../schemas";

// Step 1 of the draw (draw-sample.ts), under the frame's lock: a period has one
// main sample; later draws of it must be explicit top-ups, numbered 2, 3, ...

/** The new sample's sequence number within its survey and period, or why it cannot be drawn. */
export async function nextSequence(
  pg: pg.Client,
  { input, firstMonth, field, periodWords }: { input: DrawSampleRequest; firstMonth: string; field: "month" | "quarter"; periodWords: string },
): Promise<number> {
  const existing = await pg.query<{ sequence: number }>(`SELECT max("sequence") AS sequence FROM "Sample" WHERE "survey" = $1 AND "month" = $2`, [
    input.survey,
    firstMonth,
  ]);
  const last = existing.rows[0]?.sequence ?? null;
  if (!input.topUp && last !== null) {
    throw new AppError("SAMPLE_EXISTS", `${input.survey} already has a sample for ${periodWords}. To add clients to it, draw a top-up.`, field);
  }
  if (input.topUp && last === null) {
    throw new AppError("NO_SAMPLE_TO_TOP_UP", `${input.survey} has no sample for ${periodWords} yet, so there is nothing to top up.`, "topUp");
  }
  return (last ?? 0) + 1;
}
