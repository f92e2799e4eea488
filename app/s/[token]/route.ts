import { NextResponse, type NextRequest } from "next/server";
import { currentTime } from "@/lib/clock";
import { openInvitationByToken } from "@/lib/cawi/respondent";
import { clientAddress } from "@/lib/http/client-address";
import { RESPONDENT_COOKIE, respondentCookieOptions, respondentCookieValue } from "@/lib/cawi/session";
import { log } from "@/lib/log";

// A personal link /s/<token> (issue 13): binds this browser to the invitation and
// redirects, so the token is in this one address only. Unknown, expired and
// withdrawn links all get the same page; nothing here answers 500.
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let target = "/survey/unavailable";
  let invitationId: string | null = null;
  try {
    const opened = await openInvitationByToken({ token, ip: clientAddress(request.headers), now: currentTime() });
    if (opened.ok) {
      invitationId = opened.invitationId;
      target = "/survey";
    } else if (opened.reason === "RATE_LIMITED") target = "/survey/unavailable?reason=busy";
  } catch (error) {
    log.error({ err: error }, "opening a survey link failed");
  }
  const response = new NextResponse(null, { status: 303, headers: { Location: target, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" } });
  if (invitationId) response.cookies.set(RESPONDENT_COOKIE, respondentCookieValue(invitationId), respondentCookieOptions());
  else response.cookies.delete(RESPONDENT_COOKIE);
  return response;
}
