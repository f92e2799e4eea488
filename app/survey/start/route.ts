import { NextResponse, type NextRequest } from "next/server";
import { currentTime } from "@/lib/clock";
import { isSameOrigin } from "@/lib/cawi/answer-post";
import { startOnlineResponse } from "@/lib/cawi/respondent";
import { invitationIdFromCookie, RESPONDENT_COOKIE } from "@/lib/cawi/session";
import { runRoute } from "@/lib/http/route";

// "Start now" (issue 13): a plain form post that starts the case's response
// (or finds the one it has) and sends the respondent to their first question.
// A route handler, as the answer post is: a server action's machinery cost a
// respondent twice the time of this (bench/online-answers).
export async function POST(request: NextRequest) {
  return runRoute("survey.start", async () => {
    if (!isSameOrigin(request.headers))
      return new NextResponse("This form can only be sent from this site.", { status: 403, headers: { "Cache-Control": "no-store" } });
    const invitationId = invitationIdFromCookie(request.cookies.get(RESPONDENT_COOKIE)?.value);
    const started = invitationId !== null && (await startOnlineResponse({ invitationId, now: currentTime() }));
    return new NextResponse(null, {
      status: 303,
      headers: {
        Location: started ? "/survey" : "/survey/unavailable",
        "Cache-Control": "no-store",
        "Referrer-Policy": "same-origin",
        "X-Robots-Tag": "noindex",
      },
    });
  });
}
