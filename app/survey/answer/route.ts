import { NextResponse, type NextRequest } from "next/server";
import { currentTime } from "@/lib/clock";
import { answerPostFromForm, answerTarget, isSameOrigin } from "@/lib/cawi/answer-post";
import { answerOnline } from "@/lib/cawi/respondent";
import { invitationIdFromCookie, RESPONDENT_COOKIE } from "@/lib/cawi/session";
import { clientAddress } from "@/lib/http/client-address";
import { runRoute } from "@/lib/http/route";

// The online questionnaire's answer post (issue 13): a plain HTML form posted
// here (no JavaScript needed), the answer stored the moment it arrives, then a
// 303 to the next page, so reloading never posts twice. A route handler rather
// than a server action: this is the respondent's hot path (bench/online-answers).
export async function POST(request: NextRequest) {
  return runRoute("survey.answer", async () => {
    // Cross-site posts are refused; the respondent's cookie (SameSite=Lax) is not sent with them anyway.
    if (!isSameOrigin(request.headers))
      return new NextResponse("This form can only be sent from this site.", { status: 403, headers: { "Cache-Control": "no-store" } });
    const invitationId = invitationIdFromCookie(request.cookies.get(RESPONDENT_COOKIE)?.value);
    const post = invitationId ? answerPostFromForm(await request.formData().catch(() => null)) : null;
    const target = !invitationId
      ? "/survey/unavailable"
      : !post
        ? "/survey"
        : answerTarget(await answerOnline({ invitationId, ...post, ip: clientAddress(request.headers), now: currentTime() }));
    return new NextResponse(null, {
      status: 303,
      headers: { Location: target, "Cache-Control": "no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" },
    });
  });
}
