import "server-only";
import { clientAddress } from "@/lib/http/client-address";
import { idFromSigned, signedId } from "@/lib/http/signed-id";
import { cookies, headers } from "next/headers";
import { env } from "@/lib/env";

// The respondent's browser is bound to the invitation by an httpOnly, SameSite=Lax
// cookie set after a valid link or access code: the token appears in one
// address only (/s/<token>, answered with a redirect and Referrer-Policy:
// no-referrer), never in the pages that follow. The cookie holds the
// invitation's id signed with the app's secret, so it cannot be forged or
// pointed at another invitation; it lasts as long as the browser session.

export const RESPONDENT_COOKIE = "fieldwork_survey";

export function respondentCookieValue(invitationId: string): string {
  return signedId("respondent", invitationId);
}

export function invitationIdFromCookie(value: string | undefined): string | null {
  return idFromSigned("respondent", value);
}

export const respondentCookieOptions = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: env().SECURE_COOKIES ?? (env().NEXTAUTH_URL ?? "").startsWith("https:"),
  path: "/",
});

/** The invitation this browser opened, or null. */
export async function currentInvitationId(): Promise<string | null> {
  return invitationIdFromCookie((await cookies()).get(RESPONDENT_COOKIE)?.value);
}

export async function bindRespondent(invitationId: string): Promise<void> {
  (await cookies()).set(RESPONDENT_COOKIE, respondentCookieValue(invitationId), respondentCookieOptions());
}

export async function requestAddress(): Promise<string> {
  return clientAddress(await headers());
}
