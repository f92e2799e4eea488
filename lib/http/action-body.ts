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
 * fields: `$ACTION_<n>:<k>` hold JSON (the action's id and its bound
 * arguments, such as the form's previous state). Next.js parses them before
 * the action runs, so text that is not JSON there was a 500 (issue 17).
 */
export function isReadableActionForm(fields: Iterable<[string, unknown]>): boolean {
  for (const [name, value] of fields) {
    if (!/^\$ACTION_\d+:\d+$/.test(name)) continue;
    if (typeof value !== "string") return false;
    try {
      JSON.parse(value);
    } catch {
      return false;
    }
  }
  return true;
}
