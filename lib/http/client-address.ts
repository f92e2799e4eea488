/**
 * The client's address for rate limits and the audit log: the last
 * X-Forwarded-For hop, the one the nearest proxy (or `next start` itself, from
 * the socket, when there is no proxy) added; earlier hops are whatever the
 * client sent, so they are not trusted.
 */
export function clientAddress(h: Headers): string {
  const hops = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  return hops.at(-1) || h.get("x-real-ip") || "unknown";
}
