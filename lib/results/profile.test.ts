import { describe, expect, it } from "vitest";
import { serviceLengthBand } from "./profile";

describe("serviceLengthBand", () => {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  it("bands the years from the service start to the contact", () => {
    expect(serviceLengthBand(d("2023-01-10"), d("2023-06-01"))).toBe("LT1Y");
    expect(serviceLengthBand(d("2022-06-02"), d("2023-06-01"))).toBe("LT1Y");
    expect(serviceLengthBand(d("2022-06-01"), d("2023-06-01"))).toBe("1-3Y");
    expect(serviceLengthBand(d("2020-06-01"), d("2023-06-01"))).toBe("1-3Y");
    expect(serviceLengthBand(d("2020-05-31"), d("2023-06-01"))).toBe("GT3Y");
  });
  it("says nothing without a start date, or with one after the contact", () => {
    expect(serviceLengthBand(null, d("2023-06-01"))).toBeNull();
    expect(serviceLengthBand(d("2023-07-01"), d("2023-06-01"))).toBeNull();
  });
});
