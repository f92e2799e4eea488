/**
 * Where to send someone after they sign in: only a path on this site. Browsers
 * read `/\evil.example` as `//evil.example` (another site) and drop tabs and
 * line breaks from URLs, so anything with a backslash or a control character is
 * refused outright, and what is left must parse to this site's own origin.
 */
const BASE = "http://fieldwork.invalid";

export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return "/";
  let parsed: URL;
  try {
    parsed = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (parsed.origin !== BASE) return "/";
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
