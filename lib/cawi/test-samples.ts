// Test data for the online-survey tests (database and browser): a CMS frame
// imported and drawn as an ONLINE or MIXED sample through the real import and
// draw, and a walk through the online questionnaire choosing the first answer.
import { db } from "@/lib/db/client";
import { drawSampleSchema } from "@/lib/sampling/schemas";
import { drawSample } from "@/lib/sampling/db/draw-sample/draw-sample";
import { importFrame } from "@/lib/sampling/db/frame-import/import-frame";
import { frameCsv, textStream, uniquePrefix, type TestClient } from "@/lib/sampling/db/test-frames";
import { screenChoices, type AnswerFields, type Screen } from "@/lib/questionnaire";

/** Imports `n` CMS clients with contacts in `month` (email by default) and draws them all with the mode given. */
export async function drawOnlineSample({
  n,
  month,
  mode = "ONLINE",
  clients,
}: {
  n: number;
  month: string;
  mode?: "ONLINE" | "MIXED" | "PHONE";
  clients?: (ref: string, i: number) => Partial<TestClient>;
}) {
  const p = uniquePrefix("cawi");
  const rows: TestClient[] = Array.from({ length: n }, (_, i) => ({
    ref: `${p}-${i}`,
    date: `${month}-15`,
    email: `${p}-${i}@example.com`,
    ...clients?.(`${p}-${i}`, i),
  }));
  const imported = await importFrame({ input: textStream(frameCsv(rows)), fileName: "cawi-test.csv", strict: true, actorId: null });
  if (imported.status !== "COMPLETED") throw new Error(`import failed: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  const drawn = await drawSample({
    input: drawSampleSchema.parse({ survey: "CMS", mode, allocation: "proportional", size: n, month, seed: "1" }),
    actorId: null,
  });
  if (!drawn.sampleId) throw new Error("no sample drawn");
  const cases = await db().sampleCase.findMany({ where: { sampleId: drawn.sampleId }, select: { id: true, client: { select: { clientRef: true } } } });
  const caseOf = new Map(cases.map((c) => [c.client.clientRef, c.id]));
  return { sampleId: drawn.sampleId, refs: rows.map((r) => r.ref), caseIdOf: (ref: string) => caseOf.get(ref)! };
}

/** The fields a respondent posts choosing the first answer shown (info screens post nothing). */
export function firstAnswer(screen: Screen): AnswerFields {
  if (screen.kind === "info") return { answer: [] };
  if (screen.kind === "text") return { answer: [], text: "Fine" };
  if (screen.kind === "rating") return { answer: [String(screen.min)] };
  return { answer: [screenChoices(screen, "ONLINE")[0]!.value] };
}
