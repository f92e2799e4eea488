import { requireRole } from "@/lib/auth/session";
import { runRoute } from "@/lib/http/route";
import { frameTemplateCsv } from "@/lib/sampling/frame/column-guide";

/** A template frame file: every column, two fictional example rows (issue 18). */
export async function GET() {
  return runRoute("GET /api/frame/template", async () => {
    await requireRole("frame:import", { api: true });
    return new Response(frameTemplateCsv(), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="frame-template.csv"' },
    });
  });
}
