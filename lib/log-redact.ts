// What may never reach a log line (issue 17): personal data and secrets, at any
// depth of a logged object, and inside error messages and stacks (Prisma's
// "Invalid invocation" errors print the arguments they were given, a
// PostgreSQL error its DETAIL with the failing row's values).

/** Keys whose values are dropped wherever they appear (compared lower-case, without _ or -). */
const SECRET_KEYS = new Set(
  [
    "password",
    "passwordHash",
    "newPassword",
    "currentPassword",
    "confirmPassword",
    "phone",
    "mobile",
    "email",
    "to",
    "address",
    "postcode",
    "title",
    "firstName",
    "lastName",
    "name",
    "token",
    "accessCode",
    "apiKey",
    "authorization",
    "xApiKey",
    "cookie",
    "secret",
    "meta",
    "args",
    "detail",
  ].map((k) => k.toLowerCase()),
);
const normalise = (key: string) => key.replace(/[_-]/g, "").toLowerCase();

// Any local part RFC 5321 allows (not just letters and dots), any domain of two or more labels.
const EMAIL = /[^\s@"<>(),;:[\]\\]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// UK numbers as stored (+447700900123) or typed (07700 900123, 020 7946 0000).
const PHONE = /(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,9}\b/g;

// Machine clients' API keys (issue 14, lib/feedback/api-key-token.ts), wherever they turn up in text.
const API_KEY = /\bfwk_[A-Za-z0-9_-]{16,}/g;

/** The text with every email address, phone number and API key replaced. */
export function scrubText(text: string): string {
  return text.replace(API_KEY, "[api-key]").replace(EMAIL, "[email]").replace(PHONE, "[phone]");
}

/** A copy of a value that is safe to log: secret keys dropped at any depth, strings scrubbed, errors reduced to type, code, message and stack. */
export function redactForLog(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      message: scrubText(firstLines(value.message)),
      ...(value.stack ? { stack: scrubText(stackFrames(value.stack)) } : {}),
    };
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactForLog(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(normalise(key))) continue;
    out[key] = redactForLog(v, depth + 1);
  }
  return out;
}

// Prisma's validation errors put the whole call, arguments included, after the
// first lines; keep the lines that say what went wrong.
function firstLines(message: string): string {
  return message
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, 2)
    .join(" ")
    .slice(0, 500);
}

function stackFrames(stack: string): string {
  return stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 15)
    .join("\n");
}
