import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactForLog, scrubText } from "./log-redact";

describe("redactForLog", () => {
  it("drops personal and secret keys at any depth", () => {
    const logged = redactForLog({
      event: "frame.import",
      user: { id: "u1", email: "a.person@example.gov.uk" },
      rows: [{ client_ref: "C1", phone: "+447700900123", first_name: "Ann" }],
      deep: { deeper: { deepest: { accessCode: "ABCD-EFGH", count: 3 } } },
    });
    expect(logged).toEqual({ event: "frame.import", user: { id: "u1" }, rows: [{ client_ref: "C1" }], deep: { deeper: { deepest: { count: 3 } } } });
  });

  it("scrubs emails and phone numbers out of messages, and keeps only the first lines of an error", () => {
    const error = new Error(
      'Invalid `prisma.client.create()` invocation:\n\n{\n  data: {\n    phone: "+447700900123",\n    email: "someone@example.com"\n  }\n}\nUnique constraint failed',
    );
    const logged = redactForLog({ err: error }) as { err: { message: string; stack: string; type: string } };
    expect(logged.err.type).toBe("Error");
    expect(JSON.stringify(logged)).not.toMatch(/447700900123|someone@example\.com/);
    expect(logged.err.message).toContain("Invalid `prisma.client.create()` invocation");
    expect(scrubText("duplicate key: (email)=(x.y@dwp.gov.uk) tel 07700 900123")).toBe("duplicate key: (email)=([email]) tel [phone]");
  });

  it("never lets a generated email or UK mobile through, wherever it is put", () => {
    const mobile = fc.stringMatching(/^7[0-9]{9}$/).chain((n) => fc.constantFrom(`+44${n}`, `0${n}`, `0${n.slice(0, 4)} ${n.slice(4)}`));
    const secret = fc.oneof(fc.emailAddress(), mobile);
    fc.assert(
      fc.property(secret, fc.string(), fc.constantFrom("message", "note", "value"), (s, around, key) => {
        const out = JSON.stringify(redactForLog({ [key]: `${around} ${s} ${around}`, nested: [{ text: s }], err: new Error(`failed for ${s}`) }));
        expect(out).not.toContain(s);
      }),
      { numRuns: 300 },
    );
  });
});
