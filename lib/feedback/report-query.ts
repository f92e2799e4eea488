import { addUkDays, ukWallTime } from "@/lib/cati/calendar";
import { feedbackReportSchema, type FeedbackReportQuery } from "./report-schema";

/** The managers' page's query from its address: the last 12 weeks to today unless given; empty filters are "any". */
export function feedbackQueryFrom(
  params: Record<string, string | string[] | undefined>,
  now: Date,
): { ok: true; query: FeedbackReportQuery } | { ok: false; errors: Record<string, string>; query: FeedbackReportQuery } {
  const one = (k: string) => {
    const v = params[k];
    const s = typeof v === "string" ? v.trim() : "";
    return s === "" ? undefined : s;
  };
  const today = ukWallTime(now).date;
  const fallback: FeedbackReportQuery = { from: addUkDays(today, -83), to: today };
  const parsed = feedbackReportSchema.safeParse({
    from: one("from") ?? fallback.from,
    to: one("to") ?? fallback.to,
    maxRating: one("maxRating"),
    channel: one("channel"),
    team: one("team"),
    search: one("search"),
  });
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "from")] ??= issue.message;
  return { ok: false, errors, query: fallback };
}
