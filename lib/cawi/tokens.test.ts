import { describe, expect, it } from "vitest";
import { channelFor, isUkMobile } from "./channel";
import { ACCESS_CODE_ALPHABET, hashAccessCode, LINK_TOKEN_PATTERN, newAccessCode, newLinkToken, normaliseAccessCode } from "./tokens";

describe("personal links and access codes", () => {
  it("a link token carries 256 random bits, URL-safe, and two are never alike", () => {
    const a = newLinkToken();
    expect(a).toMatch(LINK_TOKEN_PATTERN);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(new Set(Array.from({ length: 1000 }, newLinkToken)).size).toBe(1000);
  });

  it("an access code is 12 characters without look-alikes, in groups of four", () => {
    for (let i = 0; i < 200; i++) {
      const code = newAccessCode();
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      for (const c of code.replaceAll("-", "")) expect(ACCESS_CODE_ALPHABET).toContain(c);
    }
    for (const lookAlike of ["0", "O", "1", "I", "L", "5", "S", "8", "B"]) expect(ACCESS_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it("a code typed in lower case, with spaces or without dashes, is the same code; anything else is not a code", () => {
    const code = newAccessCode();
    expect(normaliseAccessCode(code.toLowerCase().replaceAll("-", " "))).toBe(code.replaceAll("-", ""));
    expect(hashAccessCode(` ${code.toLowerCase()} `)).toBe(hashAccessCode(code));
    expect(normaliseAccessCode("ACDE-FGHJ-KMN")).toBeNull();
    expect(normaliseAccessCode("ACDE-FGHJ-KMN0")).toBeNull();
    expect(normaliseAccessCode("")).toBeNull();
  });
});

describe("channelFor", () => {
  const none = { email: null, phone: null, hasAddress: false };
  it("email first, then a text to a UK mobile, then a letter", () => {
    expect(channelFor({ email: "a@example.com", phone: "+447700900123", hasAddress: true })).toEqual({ ok: true, channel: "EMAIL" });
    expect(channelFor({ ...none, phone: "+447700900123", hasAddress: true })).toEqual({ ok: true, channel: "SMS" });
    expect(channelFor({ ...none, phone: "+441632960001", hasAddress: true })).toEqual({ ok: true, channel: "LETTER" });
    expect(channelFor(none)).toEqual({ ok: false, reason: "NO_CONTACT_DETAILS" });
  });
  it("a channel asked for is used only when the client has it", () => {
    expect(channelFor({ email: "a@example.com", phone: null, hasAddress: true }, "LETTER")).toEqual({ ok: true, channel: "LETTER" });
    expect(channelFor({ email: "a@example.com", phone: "+441632960001", hasAddress: true }, "SMS")).toEqual({ ok: false, reason: "NO_MOBILE" });
    expect(channelFor(none, "EMAIL")).toEqual({ ok: false, reason: "NO_EMAIL" });
  });
  it("only UK mobiles take texts", () => {
    expect(isUkMobile("+447700900123")).toBe(true);
    expect(isUkMobile("+441632960001")).toBe(false);
    expect(isUkMobile("07700900123")).toBe(false);
  });
});
