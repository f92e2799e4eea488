import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { letterBatch } from "@/lib/cawi/letters";
import { outboxListSchema } from "@/lib/cawi/schemas";

/** The mail house's letter batch as CSV (?sample=ID for one sample); audited. */
export async function GET(request: Request) {
  return runRoute("GET /admin/outbox/letters", async () => {
    const user = await requireRole("outbox:view", { api: true });
    const parsed = outboxListSchema.safeParse({ sampleId: new URL(request.url).searchParams.get("sample") || undefined });
    if (!parsed.success) return Response.json({ error: { field: "sample", message: parsed.error.issues[0]?.message } }, { status: 400 });
    const batch = await letterBatch({ sampleId: parsed.data.sampleId, actorId: user.id, via: "app" });
    return new Response(batch.csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="letters${parsed.data.sampleId ? `-${parsed.data.sampleId}` : ""}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
