/**
 * The client's address for rate limits and the audit log. The Node.js server
 * hook (lib/http/node-server.ts, `forwardedFor`) has already replaced the
 * request's X-Forwarded-For with the one address it trusts, so this reads it.
 */
export function clientAddress(h: Headers): string {
  const hops = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  return hops.at(-1) || "unknown";
}
