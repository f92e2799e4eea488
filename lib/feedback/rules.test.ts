import { describe, expect, it } from "vitest";
import { describeAuditAction } from "@/lib/audit/describe";
import { API_KEY_ROUTES, PAGES, can } from "@/lib/auth/permissions";
import { ROLES } from "@/lib/auth/roles";
import { scrubText } from "@/lib/log-redact";
import { apiKeyFromHeaders, hashApiKey, newApiKey, API_KEY_PATTERN } from "./api-key-token";
import { contactsOfBody, parseContactItem } from "./contact-schema";
import { exclusionWaterfall, firstExclusion, type ContactClient } from "./exclusions";
import { followUpReasons } from "./follow-up-rules";
import { feedbackSettingsSchema } from "./settings-schema";
import { meanWithInterval, median, shareWithInterval } from "./stats";

const NOW = new Date("2026-11-25T10:00:00Z");
const eligible: ContactClient = {
  inFrame: true,
  englishSpeaking: true,
  potentiallyViolent: false,
  researchConsent: true,
  doNotContact: false,
  email: null,
  mobile: "+447700900123",
  askedRecently: false,
};

describe("exclusions", () => {
  it("name the first rule failed, in the waterfall's order", () => {
    expect(firstExclusion(eligible)).toBeNull();
    expect(firstExclusion({ ...eligible, potentiallyViolent: true, researchConsent: false, askedRecently: true })).toBe("POTENTIALLY_VIOLENT");
    expect(firstExclusion({ ...eligible, mobile: null })).toBe("NO_CONTACT_DETAILS");
    expect(firstExclusion({ ...eligible, mobile: null, email: "a@example.com" })).toBeNull();
    expect(firstExclusion({ ...eligible, inFrame: false, englishSpeaking: false })).toBe("NOT_IN_FRAME");
  });

  it("count down from the contacts decided to those asked", () => {
    const w = exclusionWaterfall(10, { NOT_IN_FRAME: 1, DO_NOT_CONTACT: 2, ASKED_RECENTLY: 3 });
    expect(w.map((r) => r.remaining)).toEqual([9, 9, 9, 9, 7, 7, 4]);
  });
});

describe("a contact item", () => {
  it("is taken with codes in any case and a time with its offset", () => {
    const parsed = parseContactItem(
      { contact_id: "A-1", client_ref: "C1", service: "cms", channel: "Webchat", contact_at: "2026-11-25T09:00:00+00:00", reason: "arrears", team_code: "T1" },
      NOW,
    );
    expect(parsed).toEqual({
      ok: true,
      row: {
        contactRef: "A-1",
        service: "CMS",
        clientRef: "C1",
        channel: "WEBCHAT",
        contactAt: new Date("2026-11-25T09:00:00Z"),
        reason: "ARREARS",
        teamCode: "T1",
      },
    });
  });

  it("names every field that is wrong, and refuses personal data", () => {
    const parsed = parseContactItem(
      {
        contact_id: "",
        client_ref: "C1",
        service: "DWP",
        channel: "phone",
        contact_at: "2026-11-25",
        reason: "ENQUIRY",
        team_code: "Jane Smith",
        email: "x@example.com",
      },
      NOW,
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.field).sort()).toEqual(["contact_at", "contact_id", "email", "service", "team_code"]);
  });

  it("comes as one object, an array or {contacts}", () => {
    expect(contactsOfBody({ contact_id: "x" })).toEqual({ ok: true, items: [{ contact_id: "x" }] });
    expect(contactsOfBody([1, 2])).toEqual({ ok: true, items: [1, 2] });
    expect(contactsOfBody({ contacts: [1] })).toEqual({ ok: true, items: [1] });
    expect(contactsOfBody("x")).toMatchObject({ ok: false });
  });
});

describe("follow-ups open", () => {
  it("for a rating at or below the threshold, or a call-back request", () => {
    expect(followUpReasons({ rating: 2, callBack: false, threshold: 2 })).toEqual({ lowRating: true, callBackAsked: false });
    expect(followUpReasons({ rating: 5, callBack: true, threshold: 2 })).toEqual({ lowRating: false, callBackAsked: true });
    expect(followUpReasons({ rating: 3, callBack: false, threshold: 2 })).toBeNull();
  });
});

describe("intervals", () => {
  it("give a mean's normal interval and a share's Wilson interval", () => {
    // ratings 1, 2, 3, 4, 5: mean 3, sd 1.581, half-width 1.96 * 1.581 / sqrt(5) = 1.386
    const m = meanWithInterval({ n: 5, sum: 15, sumSquares: 55 });
    expect(m.mean).toBe(3);
    expect(m.low).toBeCloseTo(1.614, 3);
    expect(m.high).toBeCloseTo(4.386, 3);
    expect(meanWithInterval({ n: 1, sum: 4, sumSquares: 16 })).toEqual({ base: 1, mean: 4, low: null, high: null });
    // Wilson, 0 of 10: 0 to 0.2775
    const s = shareWithInterval({ count: 0, n: 10 });
    expect(s.low).toBe(0);
    expect(s.high).toBeCloseTo(0.2775, 4);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("settings", () => {
  it("say which box is wrong", () => {
    const r = feedbackSettingsSchema.safeParse({
      delayMinutes: "",
      frequencyCapDays: "30",
      lowRatingThreshold: "5",
      workingDayStart: "17:00",
      workingDayEnd: "09:00",
      dueWorkingDays: "2",
    });
    expect(r.success).toBe(false);
    expect(Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]))).toMatchObject({
      delayMinutes: "Enter the delay as a number",
      lowRatingThreshold: "The low-rating threshold must be at most 4",
    });
  });
});

describe("API keys", () => {
  it("are 256-bit, read from Authorization or X-Api-Key, and scrubbed from any log text", () => {
    const key = newApiKey();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyFromHeaders(new Headers({ authorization: `Bearer ${key}` }))).toBe(key);
    expect(apiKeyFromHeaders(new Headers({ "x-api-key": key }))).toBe(key);
    expect(scrubText(`failed with Bearer ${key} here`)).toBe("failed with Bearer [api-key] here");
  });

  it("open API routes only, each with a scope; the follow-up queue (phone numbers) is supervisors' alone", () => {
    expect(API_KEY_ROUTES.map((r) => [r.route, r.scope])).toEqual([["/api/contacts", "CONTACTS_WRITE"]]);
    expect(PAGES.map((p) => p.route)).not.toContain("/api/contacts");
    expect(ROLES.filter((r) => can(r, "followups:work"))).toEqual(["SUPERVISOR"]);
    expect(ROLES.filter((r) => can(r, "apikeys:manage"))).toEqual(["ADMIN"]);
  });

  it("are described in the audit log in words", () => {
    expect(describeAuditAction("api_key.refused", { why: "REVOKED", route: "/api/contacts" })).toBe("An API key was refused on /api/contacts: it was revoked");
    expect(describeAuditAction("follow_up.closed", { resolution: "COULD_NOT_REACH" })).toBe("Closed a follow-up: could not reach");
  });
});
