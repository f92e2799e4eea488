import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkSealer, CTR_HEADER, openValue, sealedTextLength, sealedKeyId, sealValue, SealedValueError } from "./cipher";
import { packFields, unpackFields } from "./fields";

const key = { id: 513, key: randomBytes(32) };
const other = { id: 513, key: randomBytes(32) };
const fromText = (o: Uint8Array, start: number, end: number) => Buffer.from(Buffer.from(o.subarray(start, end)).toString("latin1"), "base64");

describe("a chunk's values sealed with one keystream (issue 17)", () => {
  it("each value opens on its own, to what was sealed, however many values and of whatever lengths (bytes and base64 COPY text alike)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 400 }), (values) => {
        const bytes = new ChunkSealer(key);
        const text = new ChunkSealer(key);
        const sealed = values.map((v) => bytes.seal(v));
        const written = values.map((v) => {
          const o = new Uint8Array(sealedTextLength(v.length));
          const w = text.writeText(v, v.length, o, 0);
          expect(w).toBe(o.length);
          expect(Buffer.from(o).toString("latin1")).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
          return fromText(o, 0, w);
        });
        // Shuffled: a value does not need its neighbours.
        for (const i of values.map((_, i) => i).reverse()) {
          expect(sealedKeyId(sealed[i])).toBe(513);
          expect([...openValue(sealed[i], key)]).toEqual([...values[i]]);
          expect([...openValue(written[i], key)]).toEqual([...values[i]]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("never reuses keystream: values sealed in one chunk start on different blocks, chunks have different nonces", () => {
    const a = new ChunkSealer(key);
    const counters = Array.from({ length: 5000 }, (_, i) => Buffer.from(a.seal(new Uint8Array((i % 40) + 1))).readUInt32BE(15));
    for (let i = 1; i < counters.length; i++) expect(counters[i]).toBeGreaterThan(counters[i - 1]);
    const nonce = (s: Uint8Array) => Buffer.from(s.subarray(3, 15)).toString("hex");
    expect(nonce(new ChunkSealer(key).seal(new Uint8Array(1)))).not.toBe(nonce(new ChunkSealer(key).seal(new Uint8Array(1))));
  });

  it("hides the value: no plain bytes in the ciphertext, and another key opens only noise", () => {
    const plain = Buffer.from("+447700900123 client@example.com");
    const sealed = new ChunkSealer(key).seal(plain);
    expect(Buffer.from(sealed).includes(Buffer.from("7700900123"))).toBe(false);
    expect(sealed.length).toBe(CTR_HEADER + plain.length);
    expect(openValue(sealed, other).equals(plain)).toBe(false);
    expect(() => openValue(sealed, { id: 2, key: key.key })).toThrow(SealedValueError);
  });
});

describe("one value sealed on its own (AES-GCM)", () => {
  it("opens to what was sealed; altered or under another key it does not open", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (v) => {
        const sealed = sealValue(v, key);
        expect([...openValue(sealed, key)]).toEqual([...v]);
        expect(() => openValue(sealed, other)).toThrow(SealedValueError);
        const altered = Uint8Array.from(sealed);
        altered[altered.length - 1] ^= 1;
        expect(() => openValue(altered, key)).toThrow(SealedValueError);
      }),
      { numRuns: 100 },
    );
  });
});

describe("a row's personal values packed as one", () => {
  it("unpacks to the same values (null and empty apart, long and non-ASCII values too)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: "grapheme", maxLength: 400 })), { minLength: 5, maxLength: 5 }), (values) => {
        expect(unpackFields(packFields(values), 5)).toEqual(values);
      }),
      { numRuns: 300 },
    );
  });
});
