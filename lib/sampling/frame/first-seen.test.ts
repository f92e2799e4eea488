import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FirstSeen } from "./first-seen";

describe("FirstSeen", () => {
  it("answers like a Map of first lines, through growth", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/), { maxLength: 3000 }), (keys) => {
        const seen = new FirstSeen();
        const map = new Map<string, number>();
        keys.forEach((key, line) => {
          expect(seen.firstLine(key, line)).toBe(map.get(key));
          if (!map.has(key)) map.set(key, line);
        });
        expect(seen.size).toBe(map.size);
      }),
      { numRuns: 50 },
    );
  });

  it("takes the same keys as bytes (service letter + client_ref) as it takes strings", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("C", "O"), fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/), fc.boolean()), { maxLength: 500 }), (keys) => {
        const seen = new FirstSeen();
        const map = new Map<string, number>();
        keys.forEach(([service, ref, asBytes], line) => {
          const key = service + ref;
          const buf = Buffer.from(`\t${ref}\t`);
          const got = asBytes ? seen.firstLineOfBytes(key.charCodeAt(0), buf, 1, buf.length - 1, line) : seen.firstLine(key, line);
          expect(got).toBe(map.get(key));
          if (!map.has(key)) map.set(key, line);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("holds a million keys", () => {
    const seen = new FirstSeen();
    for (let i = 0; i < 1_000_000; i++) seen.firstLine(`C${i}`, i + 2);
    expect(seen.size).toBe(1_000_000);
    expect(seen.firstLine("C999999", 5)).toBe(1_000_001);
    expect(seen.firstLine("C1000000", 5)).toBeUndefined();
  }, 30_000);
});
