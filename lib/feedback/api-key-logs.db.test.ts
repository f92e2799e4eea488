import { Writable } from "node:stream";
import pino from "pino";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logOptions } from "@/lib/log";
import { contactItem, uniquePrefix } from "./test-data";

// The key never reaches a log line (issue 14): the app's own logger (its real
// options and redaction) writing to a captured stream, while POST /api/contacts
// is called with a key, a revoked key, bad JSON, and a failure that drags the
// request's headers into the logged error.
const captured = vi.hoisted(() => ({ lines: [] as string[] }));
const lines = captured.lines;
vi.mock("@/lib/log", async (original) => {
  const real = await original<typeof import("@/lib/log")>();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured.lines.push(String(chunk));
      done();
    },
  });
  return { ...real, log: pino({ ...real.logOptions, level: "trace" }, sink) };
});
const failWith = vi.hoisted(() => ({ error: null as Error | null }));
vi.mock("./store-contacts", async (original) => {
  const real = await original<typeof import("./store-contacts")>();
  return {
    ...real,
    storeContacts: async (input: Parameters<typeof real.storeContacts>[0]) => {
      if (failWith.error) throw failWith.error;
      return real.storeContacts(input);
    },
  };
});

const { POST } = await import("@/app/api/contacts/route");
const { createApiKey, revokeApiKey } = await import("./api-keys");

const post = (key: string, body: string) =>
  POST(
    new NextRequest("http://localhost/api/contacts", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body }),
  );

afterEach(() => {
  failWith.error = null;
});

describe("API keys and the logs", () => {
  it("never writes the key to the log, whatever happens to the request", async () => {
    expect(logOptions.level).toBeDefined();
    const { id, key } = await createApiKey({ actorId: null, input: { name: "log test", scopes: ["CONTACTS_WRITE"] }, now: new Date("2026-11-25T10:00:00Z") });
    const p = uniquePrefix("log");
    const ok = await post(key, JSON.stringify({ contacts: [contactItem(`${p}-1`, `${p}-1`, new Date("2026-11-25T09:00:00Z")), { contact_id: "x" }] }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ received: 2, stored: 1, rejected: 1 });
    expect((await post(key, "{not json")).status).toBe(400);

    // an unexpected failure whose error carries the request's headers (as a driver's error might)
    failWith.error = Object.assign(new Error(`boom while handling Authorization: Bearer ${key}`), { headers: { authorization: `Bearer ${key}` }, apiKey: key });
    const failed = await post(key, JSON.stringify(contactItem(`${p}-2`, `${p}-2`, new Date("2026-11-25T09:00:00Z"))));
    expect(failed.status).toBe(500);
    expect(JSON.stringify(await failed.json())).not.toContain(key);

    failWith.error = null;
    await revokeApiKey({ actorId: null, keyId: id, now: new Date("2026-11-25T10:00:00Z") });
    const revoked = await post(key, JSON.stringify(contactItem(`${p}-3`, `${p}-3`, new Date("2026-11-25T09:00:00Z"))));
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: { code: "API_KEY_INVALID", message: expect.stringMatching(/revoked/) } });

    const out = lines.join("");
    expect(out).toContain("route handler failed"); // the failure was logged...
    expect(out).not.toContain(key); // ...without the key
    expect(out).not.toContain(key.slice(4, 30));
  });
});
