import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// A respondent's browser is bound to what it opened (an online invitation, a
// feedback request) by an httpOnly cookie holding that row's id signed with the
// app's secret, so it cannot be forged or pointed at another row. The purpose
// is part of what is signed: a survey cookie never opens a feedback request.

function sign(purpose: string, id: string): string {
  return createHmac("sha256", env().NEXTAUTH_SECRET).update(`${purpose}:${id}`).digest("base64url");
}

/** "<id>.<signature>" for a cookie. */
export function signedId(purpose: string, id: string): string {
  return `${id}.${sign(purpose, id)}`;
}

/** The id a cookie holds, or null when it is missing, malformed or not signed by this app for this purpose. */
export function idFromSigned(purpose: string, value: string | undefined): string | null {
  if (!value) return null;
  const [id, mac] = value.split(".");
  if (!id || !mac || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(sign(purpose, id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}
