import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { exportFieldwork, fieldworkExportSchema } from "@/lib/fieldwork/db/call-history";
import { AppError } from "@/lib/errors";

/** A sample's call history (CSV) or dispositions (CSV), or both (XLSX); no personal data. */
export async function GET(request: Request, { params }: { params: Promise<{ sampleId: string }> }) {
  return runRoute("GET /supervisor/fieldwork/[sampleId]/export", async () => {
    await requireRole("fieldwork:monitor", { api: true });
    const query = new URL(request.url).searchParams;
    const parsed = fieldworkExportSchema.safeParse({
      sampleId: (await params).sampleId,
      format: query.get("format") ?? "csv",
      what: query.get("what") ?? undefined,
    });
    if (!parsed.success)
      return new Response(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"), {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    try {
      const file = await exportFieldwork(parsed.data);
      return new Response(new Uint8Array(file.body), {
        headers: { "Content-Type": file.contentType, "Content-Disposition": `attachment; filename="${file.fileName}"`, "Cache-Control": "no-store" },
      });
    } catch (error) {
      if (error instanceof AppError) return new Response(error.message, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      throw error;
    }
  });
}
