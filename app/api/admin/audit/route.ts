import { NextResponse } from "next/server";
import { runRoute } from "@/lib/http/route";
import { requireRole } from "@/lib/auth/session";
import { recordAuditEventNow } from "@/lib/audit/record";
import { auditLogCsv, auditLogQueryFrom } from "@/lib/audit/log";

/** The audit log as CSV, with the page's filters (?actor=&action=&subjectType=&subjectId=&sample=&from=&to=). */
export async function GET(request: Request) {
  return runRoute("GET /api/admin/audit", async () => {
    const user = await requireRole("audit:view", { api: true });
    const parsed = auditLogQueryFrom(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return NextResponse.json(
        { error: { code: "INVALID_FILTER", field: issue.path.join("."), message: issue.message } },
        { status: 400, headers: { "Cache-Control": "no-store" } },
      );
    }
    const query = { ...parsed.data, before: undefined };
    await recordAuditEventNow({ actorId: user.id, action: "audit.exported", details: { filters: query } });
    const encoder = new TextEncoder();
    const chunks = auditLogCsv({ query });
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    return new Response(body, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.csv"', "Cache-Control": "no-store" },
    });
  });
}
