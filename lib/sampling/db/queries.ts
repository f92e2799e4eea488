import "server-only";
import { db } from "@/lib/db/client";
import type { WaterfallStep } from "../draw/waterfall";

// Reads for the sampling pages and route handlers.

export function listSamples({ take = 200 }: { take?: number } = {}) {
  return db().sample.findMany({
    orderBy: [{ month: "desc" }, { survey: "asc" }, { sequence: "asc" }],
    take,
    select: {
      id: true,
      survey: true,
      period: true,
      month: true,
      sequence: true,
      mode: true,
      population: true,
      eligible: true,
      requestedSize: true,
      drawn: true,
      drawnAt: true,
      drawnBy: { select: { name: true } },
    },
  });
}

export async function getSample(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const sample = await db().sample.findUnique({
    where: { id },
    include: {
      drawnBy: { select: { name: true } },
      strata: { orderBy: { stratum: "asc" } },
      quotaCells: { select: { target: true, stratum: { select: { stratum: true } } }, orderBy: { stratum: { stratum: "asc" } } },
    },
  });
  if (!sample) return null;
  const allocation = sample.allocation as { warnings?: { message: string }[]; shortfall?: number };
  return {
    ...sample,
    seed: sample.seed.toString(),
    waterfall: sample.waterfall as unknown as WaterfallStep[],
    warnings: (allocation.warnings ?? []).map((w) => w.message),
  };
}

export function listFrameImports({ take = 50 }: { take?: number } = {}) {
  return db().frameImport.findMany({
    orderBy: { startedAt: "desc" },
    take,
    select: {
      id: true,
      fileName: true,
      strict: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      rows: true,
      inserted: true,
      updated: true,
      historyOnly: true,
      rejected: true,
      fileError: true,
      by: { select: { name: true } },
    },
  });
}

export async function getFrameImport({ id, errors = 100 }: { id: string; errors?: number }) {
  if (!/^\d{1,18}$/.test(id)) return null;
  const found = await db().frameImport.findUnique({
    where: { id: BigInt(id) },
    include: { by: { select: { name: true } }, errors: { orderBy: [{ line: "asc" }, { id: "asc" }], take: errors } },
  });
  if (!found) return null;
  const errorCount = await db().frameImportError.count({ where: { importId: found.id } });
  return { ...found, id: found.id.toString(), bytes: Number(found.bytes), errorCount };
}

/** All of an import's errors in line order, a page at a time (for the CSV download). */
export async function* importErrors(id: string): AsyncGenerator<{ line: number; column: string | null; message: string }[]> {
  if (!/^\d{1,18}$/.test(id)) return;
  const importId = BigInt(id);
  let after = -1n;
  for (;;) {
    const page = await db().frameImportError.findMany({
      where: { importId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 5_000,
      select: { id: true, line: true, column: true, message: true },
    });
    if (page.length === 0) return;
    after = page[page.length - 1].id;
    yield page;
  }
}

/**
 * Records the SHA-256 of an uploaded file on its import and returns the latest
 * earlier import of the identical file, if any (issue 18: "re-uploading the
 * identical file says Success with no warning that it was seen before").
 */
export async function recordFrameFileHash({ importId, sha256 }: { importId: string; sha256: string }) {
  await db().frameImport.update({ where: { id: BigInt(importId) }, data: { fileSha256: sha256 } });
  return findEarlierImportOfFile({ importId, sha256 });
}

/** The latest import before this one of a file with the same SHA-256, or null. */
export async function findEarlierImportOfFile({ importId, sha256 }: { importId: string; sha256: string | null }) {
  if (!sha256) return null;
  const earlier = await db().frameImport.findFirst({
    where: { fileSha256: sha256, id: { lt: BigInt(importId) } },
    orderBy: { id: "desc" },
    select: { id: true, fileName: true, startedAt: true, status: true },
  });
  return earlier ? { ...earlier, id: earlier.id.toString() } : null;
}
