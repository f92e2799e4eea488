import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listOutbox } from "@/lib/cawi/outbox";
import { authenticateApiKey, createApiKey, revokeApiKey } from "./api-keys";
import { feedbackReport } from "./report";
import { submitFeedback } from "./respondent";
import { sendFeedbackRequests } from "./send-requests";
import { DEFAULT_FEEDBACK_SETTINGS } from "./settings-schema";
import { storeContacts } from "./store-contacts";
import { contactItem, importFeedbackClients, uniquePrefix } from "./test-data";
import { claimFollowUp, closeFollowUp, recordFollowUpAttempt, revealFollowUpContactDetails } from "./follow-ups";

const NOW = new Date("2026-11-25T10:00:00Z");
const minutesBefore = (m: number, at = NOW) => new Date(at.getTime() - m * 60_000);
const SETTINGS = { ...DEFAULT_FEEDBACK_SETTINGS, delayMinutes: 5, frequencyCapDays: 30 };
const bearer = (key: string) => new Headers({ authorization: `Bearer ${key}` });

async function admin() {
  return db().user.create({ data: { email: `${uniquePrefix("adm")}@example.gov.uk`, name: "Test Admin", role: "ADMIN" }, select: { id: true } });
}
async function supervisor(name = "Sam Supervisor") {
  return db().user.create({ data: { email: `${uniquePrefix("sup")}@example.gov.uk`, name, role: "SUPERVISOR" }, select: { id: true } });
}
const contactCount = (refs: string[]) => db().contact.count({ where: { contactRef: { in: refs } } });

describe("POST /api/contacts's storing (storeContacts)", () => {
  it("stores a retried batch once, a contact repeated within a batch once, and concurrent posts of one batch once", async () => {
    const p = uniquePrefix("idem");
    const batch = { contacts: Array.from({ length: 5 }, (_, i) => contactItem(`${p}-${i}`, `${p}-c${i}`, minutesBefore(10))) };
    const first = await storeContacts({ body: batch, apiKeyId: null, now: NOW });
    expect(first).toEqual({ ok: true, result: { received: 5, stored: 5, duplicates: 0, rejected: 0, errors: [] } });
    const retry = await storeContacts({ body: batch, apiKeyId: null, now: NOW });
    expect(retry).toMatchObject({ ok: true, result: { received: 5, stored: 0, duplicates: 5 } });

    const twice = [contactItem(`${p}-x`, `${p}-cx`, minutesBefore(10)), contactItem(`${p}-x`, `${p}-cx`, minutesBefore(10))];
    expect(await storeContacts({ body: twice, apiKeyId: null, now: NOW })).toMatchObject({ ok: true, result: { stored: 1, duplicates: 1 } });

    const concurrent = { contacts: Array.from({ length: 50 }, (_, i) => contactItem(`${p}-k${i}`, `${p}-k${i}`, minutesBefore(10))) };
    const results = await Promise.all(Array.from({ length: 4 }, () => storeContacts({ body: concurrent, apiKeyId: null, now: NOW })));
    expect(results.reduce((sum, r) => sum + (r.ok ? r.result.stored : 0), 0)).toBe(50);
    expect(
      await contactCount([...concurrent.contacts.map((c) => c.contact_id as string), ...batch.contacts.map((c) => c.contact_id as string), `${p}-x`]),
    ).toBe(56);
  });

  it("reports each bad item with its index, field and reason, and stores the good ones", async () => {
    const p = uniquePrefix("bad");
    const items = [
      contactItem(`${p}-0`, `${p}-c0`, minutesBefore(10)),
      contactItem(`${p}-1`, `${p}-c1`, minutesBefore(10), { channel: "pigeon" }),
      contactItem(`${p}-2`, "has space", minutesBefore(10), { contact_at: "yesterday" }),
      contactItem(`${p}-3`, `${p}-c3`, minutesBefore(10), { phone: "07700 900123" }),
      "not an object",
      contactItem(`${p}-5`, `${p}-c5`, minutesBefore(10), { channel: "WEBCHAT", reason: "complaint" }),
      contactItem(`${p}-6`, `${p}-c6`, new Date(NOW.getTime() + 3600_000)),
    ];
    const out = await storeContacts({ body: items, apiKeyId: null, now: NOW });
    if (!out.ok) throw new Error(out.reason);
    expect(out.result).toMatchObject({ received: 7, stored: 2, rejected: 5 });
    const byIndex = (i: number) => out.result.errors.filter((e) => e.index === i).map((e) => e.field);
    expect(byIndex(1)).toEqual(["channel"]);
    expect(byIndex(2).sort()).toEqual(["client_ref", "contact_at"]);
    expect(byIndex(3)).toEqual(["phone"]);
    expect(out.result.errors.find((e) => e.index === 3)!.reason).toMatch(/unknown field.*no personal data/);
    expect(byIndex(4)).toEqual(["item"]);
    expect(out.result.errors.find((e) => e.index === 6)!.reason).toBe("contact_at is in the future");
    expect(out.result.errors.find((e) => e.index === 1)!.reason).toBe("channel must be phone, webchat, email, letter or portal");
    const stored = await db().contact.findMany({
      where: { contactRef: { startsWith: p } },
      orderBy: { contactRef: "asc" },
      select: { contactRef: true, channel: true, reason: true },
    });
    expect(stored).toEqual([
      { contactRef: `${p}-0`, channel: "PHONE", reason: "ENQUIRY" },
      { contactRef: `${p}-5`, channel: "WEBCHAT", reason: "COMPLAINT" },
    ]);
  });

  it("refuses an empty body and a batch over 1,000 as a whole", async () => {
    expect(await storeContacts({ body: [], apiKeyId: null, now: NOW })).toEqual({ ok: false, reason: "The batch has no contacts" });
    const big = Array.from({ length: 1001 }, (_, i) => contactItem(`big-${i}`, "c", NOW));
    expect(await storeContacts({ body: big, apiKeyId: null, now: NOW })).toEqual({
      ok: false,
      reason: "A batch may hold at most 1000 contacts; this one has 1001",
    });
  });
});

describe("API keys", () => {
  it("authenticate with their scope until revoked mid-run, then answer 401; the key itself is never stored or audited", async () => {
    const a = await admin();
    const { id, key } = await createApiKey({ actorId: a.id, input: { name: "CMS telephony", scopes: ["CONTACTS_WRITE"] }, now: NOW });
    expect(key).toMatch(/^fwk_/);
    const ok = await authenticateApiKey({ headers: bearer(key), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW });
    expect(ok).toEqual({ ok: true, keyId: id });
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(NOW);

    // posting in a loop: the key is revoked between two posts
    const p = uniquePrefix("rev");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      if (i === 2) await revokeApiKey({ actorId: a.id, keyId: id, now: NOW });
      const check = await authenticateApiKey({ headers: bearer(key), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW });
      if (!check.ok) {
        statuses.push(check.status);
        continue;
      }
      await storeContacts({ body: contactItem(`${p}-${i}`, `${p}-${i}`, NOW), apiKeyId: check.keyId, now: NOW });
      statuses.push(200);
    }
    expect(statuses).toEqual([200, 200, 401, 401]);
    expect(await db().contact.count({ where: { contactRef: { startsWith: p } } })).toBe(2);
    const refused = await authenticateApiKey({ headers: bearer(key), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW });
    expect(refused).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/revoked/) });

    expect(await authenticateApiKey({ headers: new Headers(), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW })).toMatchObject({
      status: 401,
      code: "API_KEY_REQUIRED",
    });
    expect(await authenticateApiKey({ headers: bearer(`fwk_${"A".repeat(43)}`), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW })).toMatchObject({
      status: 401,
      code: "API_KEY_INVALID",
    });

    const events = await db().auditEvent.findMany({
      where: { entityType: "ApiKey", entityId: id },
      orderBy: { id: "asc" },
      select: { action: true, details: true },
    });
    expect(events.map((e) => e.action)).toEqual([
      "api_key.created",
      "api_key.used",
      "api_key.used",
      "api_key.used",
      "api_key.revoked",
      "api_key.refused",
      "api_key.refused",
      "api_key.refused",
    ]);
    expect(JSON.stringify(events)).not.toContain(key);
    expect(JSON.stringify(await db().apiKey.findUniqueOrThrow({ where: { id } }))).not.toContain(key.slice(12));
  });

  it("refuses a key without the scope with 403", async () => {
    const { id, key } = await createApiKey({ actorId: null, input: { name: "no scope", scopes: ["CONTACTS_WRITE"] }, now: NOW });
    await db().apiKey.update({ where: { id }, data: { scopes: [] } });
    expect(await authenticateApiKey({ headers: bearer(key), scope: "CONTACTS_WRITE", route: "/api/contacts", now: NOW })).toMatchObject({
      ok: false,
      status: 403,
      code: "API_KEY_SCOPE",
    });
  });
});

describe("feedback requests", () => {
  it("counts each excluded contact against the first rule it fails, in the waterfall's order, and asks the rest by text or email", async () => {
    const p = uniquePrefix("ex");
    await importFeedbackClients([
      { ref: `${p}-ok` },
      { ref: `${p}-email`, phone: "020 7946 0000", email: `${p}@example.com` },
      { ref: `${p}-noeng`, english: "N", pv: "Y" },
      { ref: `${p}-pv`, pv: "Y", consent: "N" },
      { ref: `${p}-nocons`, consent: "N" },
      { ref: `${p}-dnc`, dnc: "Y" },
      { ref: `${p}-landline`, phone: "020 7946 0001" },
    ]);
    await db().doNotContactEntry.create({ data: { service: "CMS", clientRef: `${p}-ok2`, reason: "asked" } });
    await importFeedbackClients([{ ref: `${p}-ok2` }]);
    const refs = ["ok", "email", "noeng", "pv", "nocons", "dnc", "landline", "ok2", "unknown"];
    await storeContacts({ body: refs.map((r) => contactItem(`${p}-k-${r}`, `${p}-${r}`, minutesBefore(10))), apiKeyId: null, now: NOW });
    // one contact too recent: its delay has not passed
    await storeContacts({ body: contactItem(`${p}-k-late`, `${p}-ok`, minutesBefore(2)), apiKeyId: null, now: NOW });

    // (the job takes every waiting contact, other tests' too: this test counts its own)
    const result = await sendFeedbackRequests({ now: NOW, settings: SETTINGS });
    expect(result.asked).toBeGreaterThanOrEqual(2);
    const states = await db().contact.findMany({
      where: { contactRef: { startsWith: `${p}-k-` } },
      select: { contactRef: true, requestState: true, exclusion: true },
    });
    expect(Object.fromEntries(states.map((s) => [s.contactRef.replace(`${p}-k-`, ""), s.exclusion ?? s.requestState]))).toEqual({
      ok: "ASKED",
      email: "ASKED",
      noeng: "NOT_ENGLISH_SPEAKING",
      pv: "POTENTIALLY_VIOLENT",
      nocons: "NO_RESEARCH_CONSENT",
      dnc: "DO_NOT_CONTACT",
      landline: "NO_CONTACT_DETAILS",
      ok2: "DO_NOT_CONTACT",
      unknown: "NOT_IN_FRAME",
      late: "WAITING",
    });
    const mine = await db().contact.groupBy({ by: ["exclusion"], where: { contactRef: { startsWith: `${p}-k-` }, requestState: "EXCLUDED" }, _count: true });
    expect(Object.fromEntries(mine.map((m) => [m.exclusion, m._count]))).toEqual({
      NOT_IN_FRAME: 1,
      NOT_ENGLISH_SPEAKING: 1,
      POTENTIALLY_VIOLENT: 1,
      NO_RESEARCH_CONSENT: 1,
      DO_NOT_CONTACT: 2,
      NO_CONTACT_DETAILS: 1,
    });
    const outbox = (await listOutbox({ take: 1000 })).filter((m) => m.contactRef?.startsWith(p));
    expect(outbox.map((m) => [m.contactRef, m.channel, m.kind, m.status, m.to]).sort()).toEqual([
      [`${p}-k-email`, "EMAIL", "FEEDBACK_REQUEST", "LOCAL", `${p}@example.com`],
      [`${p}-k-ok`, "SMS", "FEEDBACK_REQUEST", "LOCAL", "+447700900123"],
    ]);
    expect(outbox[0]!.link).toMatch(/\/f\/[A-Za-z0-9_-]{43}$/);

    // a second run decides nothing twice
    await sendFeedbackRequests({ now: NOW, settings: SETTINGS });
    expect(await db().feedbackRequest.count({ where: { contact: { contactRef: { startsWith: p } } } })).toBe(2);

    const report = await feedbackReport({ query: { from: "2026-11-25", to: "2026-11-25" }, now: NOW });
    const rule = (r: string) => report.waterfall.find((w) => w.rule === r)!;
    expect(rule("DO_NOT_CONTACT").excluded).toBeGreaterThanOrEqual(2);
    expect(report.waterfall.at(-1)!.remaining).toBe(report.contacts.asked);
  });

  it("asks a client at most once within the frequency cap, counting this run's own requests", async () => {
    const p = uniquePrefix("cap");
    await importFeedbackClients([{ ref: `${p}-c` }]);
    await storeContacts({
      body: [contactItem(`${p}-1`, `${p}-c`, minutesBefore(30)), contactItem(`${p}-2`, `${p}-c`, minutesBefore(20))],
      apiKeyId: null,
      now: NOW,
    });
    const state = async (n: number) =>
      (await db().contact.findUniqueOrThrow({ where: { contactRef: `${p}-${n}` } })).exclusion ??
      (await db().contact.findUniqueOrThrow({ where: { contactRef: `${p}-${n}` } })).requestState;
    await sendFeedbackRequests({ now: NOW, settings: SETTINGS });
    expect([await state(1), await state(2)]).toEqual(["ASKED", "ASKED_RECENTLY"]);

    // 29 days later: still capped; 31 days later: asked again
    const day = 24 * 3600_000;
    const at29 = new Date(NOW.getTime() + 29 * day);
    await storeContacts({ body: contactItem(`${p}-3`, `${p}-c`, minutesBefore(10, at29)), apiKeyId: null, now: at29 });
    await sendFeedbackRequests({ now: at29, settings: SETTINGS });
    expect(await state(3)).toBe("ASKED_RECENTLY");
    const at31 = new Date(NOW.getTime() + 31 * day);
    await storeContacts({ body: contactItem(`${p}-4`, `${p}-c`, minutesBefore(10, at31)), apiKeyId: null, now: at31 });
    await sendFeedbackRequests({ now: at31, settings: SETTINGS });
    expect(await state(4)).toBe("ASKED");
  });
});

describe("service recovery", () => {
  async function askedRequest(p: string, contactAt: Date) {
    await importFeedbackClients([{ ref: `${p}-c` }]);
    await storeContacts({ body: contactItem(`${p}-1`, `${p}-c`, contactAt, { team_code: "TEAM-Z" }), apiKeyId: null, now: contactAt });
    await sendFeedbackRequests({ now: new Date(contactAt.getTime() + 6 * 60_000), settings: SETTINGS });
    return db().feedbackRequest.findFirstOrThrow({ where: { contact: { contactRef: `${p}-1` } }, select: { id: true } });
  }

  it("opens a follow-up for a low rating or a call-back request, due in working hours across a weekend and a bank holiday", async () => {
    const p = uniquePrefix("rec");
    // Thursday 24 December 2026, 15:00: Christmas, the weekend and the substitute Boxing Day follow
    const answeredAt = new Date("2026-12-24T15:00:00Z");
    const request = await askedRequest(p, new Date("2026-12-24T14:40:00Z"));
    expect(
      await submitFeedback({
        requestId: request.id,
        input: { rating: "1", comment: "Nobody called me back. Ring 07700 900123", callBack: "YES" },
        ip: "203.0.113.9",
        now: answeredAt,
      }),
    ).toEqual({ kind: "saved", followUp: true });
    expect(await submitFeedback({ requestId: request.id, input: { rating: "5", callBack: "NO" }, ip: "203.0.113.9", now: answeredAt })).toEqual({
      kind: "answered",
    });
    const followUp = await db().followUp.findUniqueOrThrow({ where: { feedbackRequestId: request.id } });
    expect(followUp).toMatchObject({ lowRating: true, callBackAsked: true, openedAt: answeredAt, dueAt: new Date("2026-12-30T15:00:00Z") });

    const p2 = uniquePrefix("rec2");
    const good = await askedRequest(p2, new Date("2026-12-01T10:00:00Z"));
    expect(
      await submitFeedback({ requestId: good.id, input: { rating: "4", callBack: "NO" }, ip: "203.0.113.9", now: new Date("2026-12-01T10:10:00Z") }),
    ).toEqual({ kind: "saved", followUp: false });
    expect(
      await submitFeedback({ requestId: good.id, input: { rating: "9", callBack: "maybe" }, ip: "203.0.113.9", now: new Date("2026-12-01T10:10:00Z") }),
    ).toEqual({
      kind: "invalid",
      fieldErrors: { rating: "Choose a rating from 1 to 5", callBack: "Choose yes if you would like a colleague to contact you, or no" },
    });

    // claim, reveal (audited), an attempt, resolved
    const sup = await supervisor();
    const other = await supervisor("Other Supervisor");
    await expect(revealFollowUpContactDetails({ followUpId: followUp.id, actorId: sup.id })).rejects.toMatchObject({ code: "FOLLOW_UP_NOT_CLAIMED" });
    await claimFollowUp({ followUpId: followUp.id, actorId: sup.id, now: answeredAt });
    await expect(claimFollowUp({ followUpId: followUp.id, actorId: other.id, now: answeredAt })).rejects.toMatchObject({ code: "FOLLOW_UP_CLAIMED_BY_OTHER" });
    expect(await revealFollowUpContactDetails({ followUpId: followUp.id, actorId: sup.id })).toEqual({ phone: "+447700900123", email: null });
    await recordFollowUpAttempt({ followUpId: followUp.id, actorId: sup.id, outcome: "NO_ANSWER", now: new Date("2026-12-29T10:00:00Z") });
    const closedAt = new Date("2026-12-29T11:00:00Z");
    await closeFollowUp({ followUpId: followUp.id, actorId: sup.id, resolution: "RESOLVED", note: "Explained the payment schedule", now: closedAt });
    await expect(closeFollowUp({ followUpId: followUp.id, actorId: sup.id, resolution: "RESOLVED", note: "again", now: closedAt })).rejects.toMatchObject({
      code: "FOLLOW_UP_CLOSED",
    });
    const audit = await db().auditEvent.findMany({
      where: { entityType: "FollowUp", entityId: followUp.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual([
      { action: "follow_up.opened", actorId: null },
      { action: "follow_up.claimed", actorId: sup.id },
      { action: "follow_up.phone_revealed", actorId: sup.id },
      { action: "follow_up.attempt", actorId: sup.id },
      { action: "follow_up.closed", actorId: sup.id },
    ]);

    const report = await feedbackReport({ query: { from: "2026-12-24", to: "2026-12-24" }, now: closedAt });
    expect(report.overall.rating).toMatchObject({ base: 1, mean: 1 });
    expect(report.followUps.lowRatingsInTime).toMatchObject({ base: 1, count: 1, share: 1 });
    expect(report.followUps.medianHoursToResolution).toBe(116);
    expect(report.byTeam).toEqual([expect.objectContaining({ group: "TEAM-Z" })]);
  });
});
