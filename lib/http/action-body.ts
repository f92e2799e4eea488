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

