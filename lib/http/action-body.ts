/**
 * What Next.js can unpack of a server action's request, checked before it tries
 * (proxy.ts): anything it cannot unpack makes it throw while reading the
 * arguments, a 500 before the action runs; proxy.ts answers 400 instead (issue 17).
 *
 * The arguments arrive in React's reply format (encodeReply / decodeReply): a
 * JSON "part" per field of a form, the first (id 0) the list of arguments. A
 * string beginning with `$` there is not text but a value React rebuilds:
 * `$$…` an escaped `$`, `$D…` a date, `$n…` a BigInt, `$K…` a form; or a
 * reference to another part (`$1`, `$@1` a promise of it, `$0:a:1` a path into
 * it). A reference to a part that is not there, a BigInt that is not digits, or
 * a kind no action of ours takes (maps, sets, streams, blobs, typed arrays,
 * iterators, server references, opaque temporary references) is refused here.
 * So are replies deeper or larger than React accepts (its limit of a million
 * array slots per reply; deep nesting overflows its recursive reader).
 *
 * lib/http/action-body.test.ts holds this to React's own decodeReply and
 * decodeAction: whatever is readable here, they unpack without throwing, and
 * whatever React's own client sends is readable.
 */

/** React's arraySizeLimit (slots: array lengths plus the characters of strings in arrays). */
export const MAX_REPLY_SLOTS = 1_000_000;
/** Deeper than this is refused: React revives a part recursively. */
export const MAX_REPLY_DEPTH = 200;
/** React refuses more bound arguments than this. */
const MAX_BOUND_ARGUMENTS = 1000;

/**
 * How Next.js reads a POST with this content type (its getServerActionRequestMetadata):
 * a multipart form; exactly `application/x-www-form-urlencoded`, which it does not
 * run as an action; anything else, with the Next-Action header, a reply as text.
 */
export function actionBodyKind(contentType: string): "multipart" | "urlencoded" | "text" {
  if (contentType.startsWith("multipart/form-data")) return "multipart";
  if (contentType === "application/x-www-form-urlencoded") return "urlencoded";
  return "text";
}

/** A script's call's arguments sent as text (React's encodeReply as a string): a JSON list React can unpack. */
export function isReadableActionBody(contentType: string, body: string): boolean {
  if (actionBodyKind(contentType) !== "text") return true;
  const parts = new Map<string, unknown>([["0", body]]);
  return isReadableReply(parts, "", (root) => Array.isArray(root));
}

/**
 * A multipart post, as React unpacks it: a script's call (the `Next-Action`
 * header) is a reply whose part 0 is the argument list; a form posted without
 * JavaScript names its server action in React's hidden fields, `$ACTION_<n>:0`
 * a part holding `{"id": …, "bound": "$@1"}` and `$ACTION_<n>:1` the bound
 * arguments as a JSON list (the form's previous state, for instance).
 */
export function isReadableActionForm(fields: Iterable<[string, unknown]>, scriptCall = false): boolean {
  const parts = new Map<string, unknown>();
  for (const [name, value] of fields) if (!parts.has(name)) parts.set(name, value);
  if (scriptCall) return isReadableReply(parts, "", (root) => Array.isArray(root));
  const forms = new Set<string>();
  for (const name of parts.keys()) {
    const at = /^\$ACTION_(?:REF_(\d+)$|(\d+):\d+$)/.exec(name);
    if (at) forms.add(at[1] ?? at[2]);
  }
  for (const n of forms) {
    const prefix = `$ACTION_${n}:`;
    const readable = isReadableReply(parts, prefix, (descriptor, part) => {
      if (typeof descriptor !== "object" || descriptor === null || Array.isArray(descriptor)) return false;
      const { id, bound } = descriptor as { id?: unknown; bound?: unknown };
      if (typeof id !== "string") return false;
      if (bound === null || bound === undefined) return true;
      // the bound arguments: a promise of a part that is a list
      const promised = typeof bound === "string" ? /^\$@([0-9a-fA-F]+)$/.exec(bound) : null;
      const list = promised ? part(promised[1]) : undefined;
      return Array.isArray(list) && list.length <= MAX_BOUND_ARGUMENTS;
    });
    if (!readable) return false;
  }
  return true;
}

type Rooted = (root: unknown, part: (hexId: string) => unknown) => boolean;

/** Whether React can unpack the reply whose parts are `parts` (prefix + decimal id), part 0 its root. */
export function isReadableReply(parts: Map<string, unknown>, prefix: string, rootIsRight: Rooted): boolean {
  const parsed = new Map<number, unknown>();
  let slots = 0;
  let references = 0;
  let failed = false;
  const pending: number[] = [];

  const part = (id: number): unknown => {
    if (parsed.has(id)) return parsed.get(id);
    const text = parts.get(prefix + id);
    let value: unknown = UNREADABLE;
    if (typeof text === "string") {
      try {
        value = JSON.parse(text);
      } catch {
        value = UNREADABLE;
      }
    }
    parsed.set(id, value);
    if (value === UNREADABLE) failed = true;
    else pending.push(id);
    return value;
  };
  const hexPart = (hex: string) => part(parseInt(hex, 16));

  const reference = (text: string): boolean => {
    const kind = text[1];
    if (kind === undefined) return false;
    if (kind === "$" || kind === "I" || kind === "H" || kind === "N" || kind === "u" || kind === "D" || kind === "K" || kind === "-") return true;
    if (kind === "n") return /^\$n(?:-?\d{1,300})?$/.test(text);
    const at = /^\$(@?)([0-9a-fA-F]+)((?::[^:]*)*)$/.exec(text);
    if (!at) return false;
    references++;
    const target = hexPart(at[2]);
    if (target === UNREADABLE) return false;
    if (at[1] === "@") return at[3] === "";
    // a path into the part: each step an own property of a plain object or list
    let here: unknown = target;
    for (const step of at[3].split(":").slice(1)) {
      if (typeof here !== "object" || here === null || !Object.prototype.hasOwnProperty.call(here, step)) return false;
      here = (here as Record<string, unknown>)[step];
      if (typeof here === "string" && here.startsWith("$")) return false; // through a rebuilt value: not followed here
    }
    return true;
  };

  // Walks each part without recursion (a hostile part may nest deeper than the stack).
  const walk = (root: unknown): boolean => {
    const stack: [unknown, number, boolean][] = [[root, 0, false]];
    while (stack.length > 0) {
      const [value, depth, inList] = stack.pop()!;
      if (depth > MAX_REPLY_DEPTH) return false;
      if (typeof value === "string") {
        if (inList) slots += value.length;
        if (value.startsWith("$") && !reference(value)) return false;
      } else if (Array.isArray(value)) {
        slots += value.length + 1;
        for (const item of value) stack.push([item, depth + 1, true]);
      } else if (typeof value === "object" && value !== null) {
        for (const item of Object.values(value)) stack.push([item, depth + 1, false]);
      }
      if (failed || slots > MAX_REPLY_SLOTS) return false;
    }
    return true;
  };

  const root = part(0);
  if (root === UNREADABLE || !rootIsRight(root, hexPart)) return false;
  while (pending.length > 0) if (!walk(parsed.get(pending.pop()!))) return false;
  // each reference may count its part's slots again
  return !failed && slots * (1 + references) <= MAX_REPLY_SLOTS;
}

const UNREADABLE = Symbol("unreadable");
