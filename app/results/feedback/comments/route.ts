import { recordAuditEventNow } from "@/lib/audit/record";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { commentsCsv, listFeedbackComments } from "@/lib/feedback/report";
import { feedbackQueryFrom } from "@/lib/feedback/report-query";
import { problemResponse, runRoute } from "@/lib/http/route";

/** The comments of the managers' page as CSV (its filters in the query), without personal data. */
export async function GET(request: Request) {
  return runRoute("GET /results/feedback/comments", async () => {
    const user = await requireRole("feedback:view", { api: true });
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const parsed = feedbackQueryFrom(params, currentTime());
    if (!parsed.ok) return problemResponse("INVALID_REQUEST", Object.values(parsed.errors).join("; "), 400);
    const comments = await listFeedbackComments({ query: parsed.query });
    await recordAuditEventNow({ actorId: user.id, action: "feedback.comments_exported", details: { ...parsed.query, rows: comments.length } });
    return new Response(commentsCsv(comments), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="feedback-comments-${parsed.query.from}-to-${parsed.query.to}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  });
}
