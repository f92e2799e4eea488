import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FrameChunker, quoteBalancedEnd } from "./chunker";

const b = (s: string) => Buffer.from(s);

describe("quoteBalancedEnd", () => {
  it("cuts after the last line end outside quotes", () => {
    expect(quoteBalancedEnd(b("a,b\nc,d\ne"))).toBe(8);
    expect(quoteBalancedEnd(b("a,b\nc,d\n"))).toBe(8);
    expect(quoteBalancedEnd(b("no line end"))).toBe(0);
  });

  it("does not cut inside a quoted value holding line ends, CRLF or doubled quotes", () => {
    const text = 'a,"one\ntwo"\r\nb,"say ""hi""\r\nthere"\r\nc,"open\nstill open';
    // The last balanced line end is the one after 'there"\r'.
    expect(quoteBalancedEnd(b(text))).toBe(text.indexOf('there"\r\n') + 'there"\r\n'.length);
    expect(quoteBalancedEnd(b('"a\nb'))).toBe(0);
    expect(quoteBalancedEnd(b('x\n"a\nb'))).toBe(2);
  });

  it("agrees with a character-by-character count on random text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", ",", '"', "\n", "\r"), { maxLength: 60 }), (chars) => {
        const text = chars.join("");
        let inQuotes = false;
        let cut = 0;
        for (let i = 0; i < text.length; i++) {
          if (text[i] === '"') inQuotes = !inQuotes;
          else if (text[i] === "\n" && !inQuotes) cut = i + 1;
        }
        expect(quoteBalancedEnd(b(text))).toBe(cut);
      }),
    );
  });
});

describe("FrameChunker", () => {
  it("gives back every byte, in chunks that end at balanced line ends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("abc,", "d\n", '"x\ny",', '"q""q"\r\n', "é\n", "\r\n"), { maxLength: 200 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (parts, sizes) => {
          const data = b(parts.join(""));
          const chunker = new FrameChunker(16, 64);
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < data.length; k++) {
            const size = sizes[k % sizes.length];
            chunks.push(...chunker.push(data.subarray(at, at + size)));
            at += size;
          }
          const whole = chunks.slice();
          whole.push(chunker.end());
          expect(Buffer.concat(whole).equals(data)).toBe(true);
          for (const chunk of chunks) {
            // A chunk ends at a balanced line end, unless it hit the limit without one.
            if (quoteBalancedEnd(chunk) !== chunk.length) expect(chunk.length).toBeGreaterThanOrEqual(64);
          }
          // The same chunks as cutting the held bytes again at every piece (how it was done before it scanned each byte once).
          const reference: Buffer[] = [];
          let held = Buffer.alloc(0);
          for (let at = 0, k = 0; at < data.length; k++) {
            const size = sizes[k % sizes.length];
            held = Buffer.concat([held, data.subarray(at, at + size)]);
            at += size;
            while (held.length >= 16) {
              const cut = quoteBalancedEnd(held);
              if (cut === 0 && held.length < 64) break;
              const end = cut === 0 ? held.length : cut;
              reference.push(held.subarray(0, end));
              held = held.subarray(end);
              if (cut === 0 || held.length < 16) break;
            }
          }
          expect(chunks.map((c) => c.toString())).toEqual(reference.map((c) => c.toString()));
        },
      ),
    );
  });
});
