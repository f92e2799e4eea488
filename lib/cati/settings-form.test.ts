import { describe, expect, it } from "vitest";
import { recordOutcomeSchema } from "./action-schemas";
import { DEFAULT_CATI_SETTINGS } from "./settings";
import { formFromSettings, telephoneSettingsFormSchema } from "./settings-form";

describe("telephone settings form", () => {
  it("round-trips the defaults through the form fields", () => {
    const parsed = telephoneSettingsFormSchema.parse({ ...formFromSettings(DEFAULT_CATI_SETTINGS), closedOnBankHolidays: "true" });
    expect(parsed.settings).toEqual(DEFAULT_CATI_SETTINGS);
    expect(parsed.refusalConverterIds).toEqual([]);
  });

  it("closes a day left empty, and names the field of a bad value", () => {
    const form = { ...formFromSettings(DEFAULT_CATI_SETTINGS), "callingHours.sat.start": "", "callingHours.sat.end": "", closedOnBankHolidays: "true" };
    expect(telephoneSettingsFormSchema.parse(form).settings.callingHours.sat).toBeNull();
    const bad = telephoneSettingsFormSchema.safeParse({ ...form, maxAttempts: "0", "callingHours.mon.end": "08:00" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toContain("settings.maxAttempts");
    expect(paths).toContain("settings.callingHours.mon");
  });
});

describe("recordOutcomeSchema", () => {
  const caseId = "0b6f3c9e-8a3c-4c1a-9d7e-2f4b5a6c7d8e";
  it("reads the appointment as UK wall time (BST in summer)", () => {
    const r = recordOutcomeSchema.parse({
      caseId,
      outcome: "APPOINTMENT_DEFINITE",
      appointmentDay: "3",
      appointmentMonth: "6",
      appointmentYear: "2027",
      appointmentTime: "18:30",
    });
    expect(r.appointmentAt?.toISOString()).toBe("2027-06-03T17:30:00.000Z");
  });
  it("asks for a real date and a time only for a definite appointment", () => {
    expect(recordOutcomeSchema.parse({ caseId, outcome: "NO_ANSWER" }).appointmentAt).toBeUndefined();
    const bad = recordOutcomeSchema.safeParse({
      caseId,
      outcome: "APPOINTMENT_DEFINITE",
      appointmentDay: "31",
      appointmentMonth: "2",
      appointmentYear: "2027",
      appointmentTime: "18:30",
    });
    expect(bad.error?.issues[0].path).toEqual(["appointmentAt"]);
    expect(recordOutcomeSchema.safeParse({ caseId, outcome: "COMPLETE" }).success).toBe(false);
  });
});
