import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { respondentCookieOptions } from "@/lib/cawi/session";
import { env } from "@/lib/env";

// The respondent's browser is bound to a feedback request as the online survey
// binds it to an invitation (lib/cawi/session.ts): /f/<token> sets an httpOnly
// cookie with the request's id signed by the app's secret, and redirects, so the
// token is in one address only.

export const FEEDBACK_COOKIE = "fieldwork_feedback";

function sign(value: string): string {
  return createHmac("sha256", env().NEXTAUTH_SECRET).update(`feedback:${value}`).digest("base64url");
}

export function feedbackCookieValue(requestId: string): string {
  return `${requestId}.${sign(requestId)}`;
}

export function requestIdFromCookie(value: string | undefined): string | null {
  if (!value) return null;
  const [id, mac] = value.split(".");
  if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(sign(id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

export const feedbackCookieOptions = respondentCookieOptions;

export async function currentFeedbackRequestId(): Promise<string | null> {
  return requestIdFromCookie((await cookies()).get(FEEDBACK_COOKIE)?.value);
}
