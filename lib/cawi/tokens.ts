import { createHash, randomBytes, randomInt } from "node:crypto";

// Personal links and letter access codes (issue 13). Only hashes are stored, so
// a copy of the database cannot open anyone's questionnaire.

/** A personal link's token: 32 random bytes (256 bits), URL-safe. */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens look like this; anything else is refused before a database look-up. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSecret(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * Letters carry a code to type at /start: 12 characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L, 5/S, 8/B), in three groups of four.
 * 27^12 ~ 2^57 codes; look-ups are rate limited per address.
 */
export const ACCESS_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXYZ234679";
export const ACCESS_CODE_LENGTH = 12;

export function newAccessCode(): string {
  const chars = Array.from({ length: ACCESS_CODE_LENGTH }, () => ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join("")).join("-");
}

/** What a person typed, as stored: capitals, no spaces or dashes; null when it cannot be a code. */
export function normaliseAccessCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]+/g, "");
  if (compact.length !== ACCESS_CODE_LENGTH) return null;
  for (const c of compact) if (!ACCESS_CODE_ALPHABET.includes(c)) return null;
  return compact;
}

export function hashAccessCode(code: string): string {
  const normal = normaliseAccessCode(code);
  if (!normal) throw new Error("not an access code");
  return hashSecret(`access-code:${normal}`);
}
