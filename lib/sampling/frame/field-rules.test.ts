import { describe, expect, it } from "vitest";
import { isEmail, isRealDate, normalisePhone, show } from "./field-rules";

describe("isRealDate", () => {
  it("accepts real calendar dates written YYYY-MM-DD", () => {
    for (const d of ["2015-01-01", "2015-12-31", "2016-02-29", "2000-02-29", "2015-04-30"]) expect(isRealDate(d)).toBe(true);
  });
  it("rejects impossible dates and other spellings", () => {
    for (const d of [
      "2024-02-30",
      "2015-02-29",
      "1900-02-29",
      "2015-04-31",
      "2015-13-01",
      "2015-00-10",
      "2015-01-00",
      "15-01-01",
      "2015/01/01",
      "01/02/2015",
      "2015-1-1",
      "2015-01-01T00:00",
      "２０１５-01-01",
      "",
      "0000-01-01",
    ]) {
      expect(isRealDate(d)).toBe(false);
    }
  });
});

describe("normalisePhone", () => {
  it("normalises UK numbers to E.164", () => {
    const cases: [string, string][] = [
      ["07700 900123", "+447700900123"],
      ["07700900123", "+447700900123"],
      ["(020) 7946 0000", "+442079460000"],
      ["020-7946-0000", "+442079460000"],
      ["+44 7700 900123", "+447700900123"],
      ["+44 (0)7700 900123", "+447700900123"],
      ["+44 07700 900123", "+447700900123"],
      ["0044 7700 900123", "+447700900123"],
      ["01632 960123", "+441632960123"],
    ];
    for (const [raw, e164] of cases) expect(normalisePhone(raw)).toBe(e164);
  });
  it("keeps other E.164 numbers", () => {
    expect(normalisePhone("+1 415 555 2671")).toBe("+14155552671");
    expect(normalisePhone("00353 1 234 5678")).toBe("+35312345678");
  });
  it("rejects what cannot be dialled", () => {
    for (const p of [
      "123",
      "7700 900123",
      "447700900123",
      "07700 9001",
      "+44 7700 9001234567",
      "+0 123 4567",
      "0770O 900123",
      "tel:07700900123",
      "=07700900123",
    ]) {
      expect(normalisePhone(p)).toBeNull();
    }
  });
});

describe("isEmail and show", () => {
  it("checks emails with zod's pattern and the RFC length limit", () => {
    expect(isEmail("someone@example.org")).toBe(true);
    expect(isEmail("someone@example")).toBe(false);
    expect(isEmail(`${"a".repeat(250)}@example.org`)).toBe(false);
  });
  it("shows values short and on one line", () => {
    expect(show("abc")).toBe("'abc'");
    expect(show("a\tb\nc")).toBe("'a\\tb\\nc'");
    expect(show("x".repeat(1_000_000))).toBe(`'${"x".repeat(37)}...'`);
  });
});
