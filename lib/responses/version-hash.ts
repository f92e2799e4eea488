import { createHash } from "node:crypto";
import type { QuestionnaireVersion } from "@/lib/questionnaire";

// A version is code-defined data (lib/questionnaire/versions). Its hash is
// recorded the first time it is used; a later build whose definition differs
// under the same id is refused (questionnaires.md: a version in use is never
// edited, only superseded by a new id).

/** JSON with object keys sorted, so equal data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

const hashes = new WeakMap<QuestionnaireVersion, string>();

/** sha256 (hex) of the parsed definition: wording, options, routing, settings. */
export function versionContentHash(version: QuestionnaireVersion): string {
  // Versions are code-defined data, deep-frozen by the registry: hash each once per
  // process (it is checked on every saved answer); only frozen ones, which cannot change.
  let hash = hashes.get(version);
  if (hash === undefined) {
    hash = createHash("sha256").update(canonicalJson(version)).digest("hex");
    if (Object.isFrozen(version)) hashes.set(version, hash);
  }
  return hash;
}
