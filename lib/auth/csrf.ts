import { createHash, randomBytes } from "node:crypto";
import type { Env } from "@/lib/env";

/**
 * Forms that post straight to next-auth (sign-in, sign-out) work without
 * JavaScript only if the page already carries next-auth's CSRF token and the
 * browser its double-submit cookie. The proxy sets both on every page it serves
 * (issue 18: "every staff form works without JavaScript"). next-auth does not
 * export its token functions, so these follow next-auth 4's own
 * (core/lib/csrf-token.js, core/lib/cookie.js); csrf.test.ts holds them equal.
 */
export const CSRF_HEADER = "x-fieldwork-csrf";

/** Whether next-auth's cookies are Secure (and `__Host-`/`__Secure-` prefixed): SECURE_COOKIES, else an https NEXTAUTH_URL. */
export function secureCookies(e: Pick<Env, "SECURE_COOKIES" | "NEXTAUTH_URL">): boolean {
  return e.SECURE_COOKIES ?? e.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function csrfCookieName(secure: boolean): string {
  return `${secure ? "__Host-" : ""}next-auth.csrf-token`;
}

const hashOf = (token: string, secret: string) => createHash("sha256").update(`${token}${secret}`).digest("hex");

export interface CsrfCookie {
  token: string;
  /** set when the browser has no valid cookie yet */
  set?: { name: string; value: string; options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean } };
}

/** The CSRF token for this browser: the one in its valid cookie, or a new one with the cookie to set. */
export function csrfFor(cookieValue: (name: string) => string | undefined, e: Pick<Env, "SECURE_COOKIES" | "NEXTAUTH_URL" | "NEXTAUTH_SECRET">): CsrfCookie {
  const secure = secureCookies(e);
  const name = csrfCookieName(secure);
  const [token, hash] = (cookieValue(name) ?? "").split("|");
  if (token && hash && hash === hashOf(token, e.NEXTAUTH_SECRET)) return { token };
  const fresh = randomBytes(32).toString("hex");
  return {
    token: fresh,
    set: { name, value: `${fresh}|${hashOf(fresh, e.NEXTAUTH_SECRET)}`, options: { httpOnly: true, sameSite: "lax", path: "/", secure } },
  };
}
