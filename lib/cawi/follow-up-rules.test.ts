import { describe, expect, it } from "vitest";
import { expiryDisposition, followUpSettingsSchema, isExpired, isReminderDue, isSwitchToTelephoneDue, type FollowUpCandidate } from "./follow-up-rules";

const SENT = new Date("2026-11-02T10:00:00Z");
const day = (n: number) => new Date(SENT.getTime() + n * 86_400_000);
const settings = { reminderAfterDays: 7, maxReminders: 2, switchGraceDays: 3 };
const candidate = (c: Partial<FollowUpCandidate> = {}): FollowUpCandidate => ({
  sampleMode: "MIXED",
  hasPhone: true,
  sentAt: SENT,
  expiresAt: day(28),
  remindersSent: 0,
  lastReminderAt: null,
  inTelephoneQueue: false,
  onlineOnlyResponse: false,
  ...c,
});

describe("follow-up rules", () => {
  it("a reminder is due the set days after the last message, while reminders are left and the link works", () => {
    expect(isReminderDue(candidate(), settings, day(6.9))).toBe(false);
    expect(isReminderDue(candidate(), settings, day(7))).toBe(true);
    expect(isReminderDue(candidate({ remindersSent: 1, lastReminderAt: day(7) }), settings, day(13))).toBe(false);
    expect(isReminderDue(candidate({ remindersSent: 1, lastReminderAt: day(7) }), settings, day(14))).toBe(true);
    expect(isReminderDue(candidate({ remindersSent: 2, lastReminderAt: day(14) }), settings, day(21))).toBe(false);
    expect(isReminderDue(candidate({ expiresAt: day(5) }), settings, day(7))).toBe(false);
    expect(isReminderDue(candidate({ inTelephoneQueue: true }), settings, day(7))).toBe(false);
  });

  it("the switch to the telephone comes after the last reminder's grace period, or at expiry; only in MIXED samples, only with a number", () => {
    const reminded = candidate({ remindersSent: 2, lastReminderAt: day(14) });
    expect(isSwitchToTelephoneDue(reminded, settings, day(16.9))).toBe(false);
    expect(isSwitchToTelephoneDue(reminded, settings, day(17))).toBe(true);
    expect(isSwitchToTelephoneDue(candidate({ remindersSent: 1, lastReminderAt: day(7) }), settings, day(20))).toBe(false);
    expect(isSwitchToTelephoneDue(candidate({ expiresAt: day(10) }), settings, day(10))).toBe(true);
    expect(isSwitchToTelephoneDue({ ...reminded, sampleMode: "ONLINE" }, settings, day(30))).toBe(false);
    expect(isSwitchToTelephoneDue({ ...reminded, hasPhone: false }, settings, day(30))).toBe(false);
    expect(isSwitchToTelephoneDue({ ...reminded, inTelephoneQueue: true }, settings, day(30))).toBe(false);
    // a response begun in an online-only version is never continued by telephone, even at expiry
    expect(isSwitchToTelephoneDue({ ...reminded, onlineOnlyResponse: true }, settings, day(30))).toBe(false);
    expect(isSwitchToTelephoneDue(candidate(), { ...settings, maxReminders: 0 }, day(3))).toBe(true);
    expect(isExpired(candidate(), day(28))).toBe(true);
  });

  it("an online-only case's expired link: 1.2 past the overall question, 2.12 below it, 3.112 opened with nothing answered, 3.90 never opened", () => {
    expect(expiryDisposition({ opened: true, answeredSomething: true, partialThresholdReached: true })).toBe("1.2");
    expect(expiryDisposition({ opened: true, answeredSomething: true, partialThresholdReached: false })).toBe("2.12");
    expect(expiryDisposition({ opened: true, answeredSomething: false, partialThresholdReached: false })).toBe("3.112");
    expect(expiryDisposition({ opened: false, answeredSomething: false, partialThresholdReached: false })).toBe("3.90");
  });

  it("settings say what is wrong", () => {
    const r = followUpSettingsSchema.safeParse({ reminderAfterDays: "0", maxReminders: "", switchGraceDays: "3" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["reminderAfterDays", "Reminders need at least 1 day between them"],
      ["maxReminders", "Enter how many reminders as a number"],
    ]);
  });
});
