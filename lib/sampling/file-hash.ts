import { createHash } from "node:crypto";

/**
 * Passes an upload's bytes through unchanged while hashing them (SHA-256), so
 * the identical file uploaded again can be recognised (issue 18) without
 * reading it twice.
 */
export function hashWhileReading(input: AsyncIterable<Uint8Array>): { input: AsyncIterable<Uint8Array>; sha256: () => string } {
  const hash = createHash("sha256");
  let digest: string | null = null;
  async function* pass() {
    for await (const chunk of input) {
      hash.update(chunk);
      yield chunk;
    }
  }
  return {
    input: pass(),
    sha256: () => (digest ??= hash.digest("hex")),
  };
}
