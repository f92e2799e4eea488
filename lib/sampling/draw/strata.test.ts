import { describe, expect, it } from "vitest";
import { parseStratumKey, calendarQuarter, stratumKey, stratumLabel } from "./strata";

describe("strata", () => {
  it("puts a contact in its calendar quarter", () => {
    expect(calendarQuarter("2015-01-01")).toBe("2015-Q1");
    expect(calendarQuarter("2015-03-31")).toBe("2015-Q1");
    expect(calendarQuarter("2015-04-01")).toBe("2015-Q2");
    expect(calendarQuarter("2015-12-31")).toBe("2015-Q4");
    expect(() => calendarQuarter("2015-13-01")).toThrow();
  });

  it("keys a stratum by quarter, line of business and role, and reads it back", () => {
    const key = stratumKey("2015-05-14", "NEW_APPLICATION", "RECEIVING_PARENT");
    expect(key).toBe("2015-Q2|NEW_APPLICATION|RECEIVING_PARENT");
    expect(parseStratumKey(key)).toEqual({ quarter: "2015-Q2", contactReason: "NEW_APPLICATION", role: "RECEIVING_PARENT" });
    expect(() => parseStratumKey("2015-Q5|NEW_APPLICATION|RECEIVING_PARENT")).toThrow();
    expect(() => parseStratumKey("2015-Q1|NOPE|RECEIVING_PARENT")).toThrow();
  });

  it("labels a stratum in words", () => {
    expect(stratumLabel("2015-Q1|CHANGE_OF_CIRCUMSTANCES|SOME_OR_NO_CARE")).toBe("January to March 2015, change of circumstances, some or no care");
  });
});
