// React's own reply decoder and encoder, as Next.js runs them, for
// lib/http/action-body.test.ts. Run with `node --conditions=react-server`
// (the decoder needs React's server build). Reads a JSON request on stdin:
//   { decode: [{ fields: [[name, text | { blob: text }]], prefix?: string }], encode?: [...] }
// and prints, for each reply, "ok" when React unpacks it without an error
// (promises inside settled, as an action awaiting them would), or the error's message.
// With a prefix, it decodes as decodeAction does a form's hidden $ACTION fields:
// the descriptor part, then its bound arguments as the action would be bound.
import { createRequire } from "node:module";

const server = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/server.node");

process.on("unhandledRejection", () => {});

async function settled(value, seen = new Set()) {
  if (value === null || typeof value !== "object" || seen.has(value)) return;
  seen.add(value);
  if (typeof value.then === "function") return settled(await value, seen);
  if (value instanceof FormData || value instanceof Date || value instanceof Blob) return;
  for (const key of Object.keys(value)) await settled(value[key], seen);
}

async function decode({ fields, prefix }) {
  const form = new FormData();
  for (const [name, value] of fields) {
    const stripped = prefix ? (name.startsWith(prefix) ? name.slice(prefix.length) : null) : name;
    if (stripped === null) continue;
    form.append(stripped, typeof value === "string" ? value : new Blob([value.blob]));
  }
  const decoded = await server.decodeReply(form, {}, { temporaryReferences: server.createTemporaryReferenceSet() });
  if (prefix) {
    // React's loadServerReference: an id, and bound arguments that are a list of at most 1000
    if (typeof decoded?.id !== "string") throw new Error("no action id");
    if (decoded.bound instanceof Promise) {
      const bound = await decoded.bound;
      if (bound.length > 1000) throw new Error("too many bound arguments");
      await settled(bound);
    }
    return;
  }
  await settled(decoded);
}

let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", async () => {
  const request = JSON.parse(input);
  const results = [];
  for (const reply of request.decode) {
    try {
      await Promise.race([decode(reply), new Promise((_, reject) => setTimeout(() => reject(new Error("never settled")), 300))]);
      results.push("ok");
    } catch (error) {
      results.push(String(error && error.message));
    }
  }
  process.stdout.write(JSON.stringify(results));
});
