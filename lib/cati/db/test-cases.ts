// Test data for the CATI database tests: interviewers and a drawn telephone
// sample, made through the real import and draw (lib/sampling/db).
import { db } from "@/lib/db/client";
import { drawSampleSchema } from "@/lib/sampling/schemas";
import { drawSample } from "@/lib/sampling/db/draw-sample/draw-sample";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { frameCsv, textStream, uniquePrefix, type TestClient } from "@/lib/sampling/db/test-frames";

export async function createInterviewers(n: number, label = "int"): Promise<string[]> {
  const p = uniquePrefix(label);
  const users = await db().user.createManyAndReturn({
    data: Array.from({ length: n }, (_, i) => ({ email: `${p}-${i}@fieldwork.test`, name: `Interviewer ${label} ${i}`, role: "INTERVIEWER" as const })),
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** Imports `n` eligible CMS telephone clients with contacts in `month` and draws them all. */
export async function drawTestSample({ n, month, clients }: { n: number; month: string; clients?: (ref: string, i: number) => Partial<TestClient> }) {
  const p = uniquePrefix("cati");
  const rows: TestClient[] = Array.from({ length: n }, (_, i) => ({ ref: `${p}-${i}`, date: `${month}-15`, ...clients?.(`${p}-${i}`, i) }));
  const imported = await importFrame({ input: textStream(frameCsv(rows)), fileName: "cati-test.csv", strict: true, actorId: null });
  if (imported.status !== "COMPLETED") throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const drawn = await drawSample({
    input: drawSampleSchema.parse({ survey: "CMS", mode: "PHONE", allocation: "proportional", size: n, month, seed: "1" }),
    actorId: null,
  });
  if (!drawn.sampleId) throw new Error("no sample drawn");
  return { sampleId: drawn.sampleId, refs: rows.map((r) => r.ref) };
}
