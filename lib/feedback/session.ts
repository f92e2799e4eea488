import "server-only";
import { cookies } from "next/headers";
import { respondentCookieOptions } from "@/lib/cawi/session";
import { idFromSigned, signedId } from "@/lib/http/signed-id";

// The respondent's browser is bound to a feedback request as the online survey
// binds it to an invitation (lib/cawi/session.ts): /f/<token> sets an httpOnly
// cookie with the request's id signed by the app's secret, and redirects, so the
// token is in one address only.

export const FEEDBACK_COOKIE = "fieldwork_feedback";

export function feedbackCookieValue(requestId: string): string {
  return signedId("feedback", requestId);
}

export function requestIdFromCookie(value: string | undefined): string | null {
  return idFromSigned("feedback", value);
}

export const feedbackCookieOptions = respondentCookieOptions;

export async function currentFeedbackRequestId(): Promise<string | null> {
  return requestIdFromCookie((await cookies()).get(FEEDBACK_COOKIE)?.value);
}
