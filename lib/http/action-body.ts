/**
 * A server action called as JavaScript calls it sends its arguments as a JSON
 * array (React's encodeReply) or as a multipart form. Anything else (`null`, an
 * object, broken JSON) makes Next.js throw while unpacking the arguments, a 500
 * before the action runs; proxy.ts answers 400 instead (issue 17).
 */
export function isReadableActionBody(contentType: string, body: string): boolean {
  if (/^\s*multipart\/form-data/i.test(contentType) || /^\s*application\/x-www-form-urlencoded/i.test(contentType)) return true;
  try {
    return Array.isArray(JSON.parse(body));
  } catch {
    return false;
  }
}

/**
 * A form posted without JavaScript names its server action in React's hidden
 * fields: `$ACTION_<n>:0` holds JSON naming the action and where its bound
 * arguments are (`"bound": "$@1"`), `$ACTION_<n>:1` those arguments as a JSON
 * list (the form's previous state, for instance). Next.js unpacks them before
 * the action runs, so anything else there was a 500 (issue 17).
 */
export function isReadableActionForm(fields: Iterable<[string, unknown]>): boolean {
  const parsed = new Map<string, unknown>();
  for (const [name, value] of fields) {
    if (!/^\$ACTION_\d+:\d+$/.test(name)) continue;
    if (typeof value !== "string") return false;
    try {
      parsed.set(name, JSON.parse(value));
    } catch {
      return false;
    }
  }
  for (const [name, value] of parsed) {
    if (!name.endsWith(":0")) continue;
    const descriptor = value as { id?: unknown; bound?: unknown } | null;
    if (typeof descriptor !== "object" || descriptor === null || typeof descriptor.id !== "string") return false;
    if (descriptor.bound === null || descriptor.bound === undefined) continue;
    const at = typeof descriptor.bound === "string" ? /^\$@(\d+)$/.exec(descriptor.bound) : null;
    if (!at || !Array.isArray(parsed.get(`${name.slice(0, -2)}:${at[1]}`))) return false;
  }
  return true;
}
