import { describe, expect, it } from "vitest";
import { catiSettingsSchema, DEFAULT_CATI_SETTINGS } from "./settings";

describe("CATI settings", () => {
  it("default to the numbers of fieldwork.md", () => {
    expect(DEFAULT_CATI_SETTINGS).toMatchObject({
      retryDelayMinutes: { noAnswer: 180, busy: 30, answeringMachine: 180 },
      maxMessagesLeft: 2,
      softRefusalConversionDelayDays: 7,
      softRefusalMaxConversions: 1,
      maxAttempts: 6,
      holdExpiryMinutes: 30,
      callingHours: { mon: { start: "09:00", end: "20:00" }, fri: { start: "09:00", end: "20:00" }, sat: { start: "09:00", end: "13:00" }, sun: null },
      closedOnBankHolidays: true,
    });
  });

  it("keeps the defaults for what an admin leaves out", () => {
    const s = catiSettingsSchema.parse({ maxAttempts: 8, retryDelayMinutes: { busy: 15 }, callingHours: { sat: null } });
    expect(s.maxAttempts).toBe(8);
    expect(s.retryDelayMinutes).toMatchObject({ busy: 15, noAnswer: 180 });
    expect(s.callingHours.sat).toBeNull();
    expect(s.callingHours.mon).toEqual({ start: "09:00", end: "20:00" });
  });

  it("rejects settings the scheduler cannot honour, naming the field", () => {
    const path = (input: unknown) => {
      const r = catiSettingsSchema.safeParse(input);
      return r.success ? null : r.error.issues[0].path.join(".");
    };
    expect(path({ callingHours: { mon: { start: "20:00", end: "09:00" } } })).toBe("callingHours.mon");
    expect(path({ callingHours: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null } })).toBe("callingHours");
    expect(path({ timeSlots: { afternoon: { start: "11:00", end: "17:00" } } })).toBe("timeSlots.afternoon");
    expect(path({ slotWeights: { morning: 0, afternoon: 0, evening: 0 } })).toBe("slotWeights");
    expect(path({ maxAttempts: 0 })).toBe("maxAttempts");
    expect(path({ retryDelayMinutes: { busy: 0 } })).toBe("retryDelayMinutes.busy");
    expect(path({ extraClosedDates: ["25/12/2026"] })).toBe("extraClosedDates.0");
    expect(path({ unknownSetting: 1 })).toBe("");
  });
});
