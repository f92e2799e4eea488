import { requireRole } from "@/lib/auth/session";
import { recordAuditEventNow } from "@/lib/audit/record";
import { routeParams, serialIdParams } from "@/lib/http/params";
import { problemResponse, runRoute } from "@/lib/http/route";
import { csvLine } from "@/lib/sampling/csv-safe";
import { getFrameImport, importErrors } from "@/lib/sampling/db/queries";

/** Every rejected row of an import as CSV (values escaped so no spreadsheet runs them as formulas). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return runRoute("GET /api/frame/imports/[id]/errors", async () => {
    const user = await requireRole("frame:import", { api: true });
    const { id } = await routeParams(serialIdParams, params);
    const found = await getFrameImport({ id, errors: 0 });
    if (!found) return problemResponse("NOT_FOUND", "No such import", 404);
    await recordAuditEventNow({ actorId: user.id, action: "frame.import_errors_downloaded", entityType: "FrameImport", entityId: id });
    const encoder = new TextEncoder();
    const pages = importErrors(id);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode("\uFEFFline,column,message\r\n"));
      },
      async pull(controller) {
        const next = await pages.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(next.value.map((e) => csvLine([e.line, e.column, e.message]) + "\r\n").join("")));
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="frame-import-${id}-errors.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
