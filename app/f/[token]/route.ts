import { NextResponse, type NextRequest } from "next/server";
import { currentTime } from "@/lib/clock";
import { openFeedbackByToken } from "@/lib/feedback/respondent";
import { FEEDBACK_COOKIE, feedbackCookieOptions, feedbackCookieValue } from "@/lib/feedback/session";
import { clientAddress } from "@/lib/http/client-address";
import { log } from "@/lib/log";

// A client's personal link to rate a contact (issue 14): binds this browser to
// the feedback request and redirects, so the token is in this one address only.
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let target = "/feedback";
  let requestId: string | null = null;
  try {
    const opened = await openFeedbackByToken({ token, ip: clientAddress(request.headers), now: currentTime() });
    if (opened.ok) requestId = opened.requestId;
    else if (opened.reason === "RATE_LIMITED") target = "/feedback?busy=1";
  } catch (error) {
    log.error({ err: error }, "opening a feedback link failed");
  }
  const response = new NextResponse(null, { status: 303, headers: { Location: target, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
  if (requestId) response.cookies.set(FEEDBACK_COOKIE, feedbackCookieValue(requestId), feedbackCookieOptions());
  else response.cookies.delete(FEEDBACK_COOKIE);
  return response;
}
