import { createHash, randomBytes } from "node:crypto";

// API keys (issue 14): "fwk_" + 43 URL-safe characters (256 random bits). Only
// the sha256 is stored; the prefix (first 12 characters) tells keys apart in lists.

export const API_KEY_PATTERN = /^fwk_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): string {
  return `fwk_${randomBytes(32).toString("base64url")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(`api-key:${key}`).digest("hex");
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 12);
}

/** The key of an Authorization: Bearer header (or X-Api-Key), or null. */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get("authorization");
  const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth.trim());
  const key = bearer ? bearer[1]! : (headers.get("x-api-key")?.trim() ?? null);
  return key || null;
}
