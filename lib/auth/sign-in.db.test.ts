import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createUser, listUsers, resetUserPassword } from "@/lib/users/manage";
import { accountKey, verifyCredentials } from "./sign-in";

const policy = { maxFailures: 3, lockoutMinutes: 15, failureDelayMs: 0 };
const PASSWORD = "correct horse battery";
// A Monday morning: windows of 15 minutes start on the quarter hour.
const now = new Date("2026-01-05T10:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

async function makeUser(email: string) {
  return (await createUser({ actorId: null, input: { email, name: "Test person", role: "INTERVIEWER" }, password: PASSWORD })).user;
}
const attempt = (email: string, password: string, ip = "192.0.2.1", at = now) => verifyCredentials({ input: { email, password }, ip, policy, now: at });
const failures = async (why: string, email: string) =>
  (await db().auditEvent.findMany({ where: { action: "sign-in.failed" } })).filter((e) => {
    const details = e.details as { why?: string; account?: string };
    return details.why === why && details.account === accountKey(email);
  }).length;

describe("verifyCredentials", () => {
  it("signs in with the right password and records it in the audit log", async () => {
    await makeUser("ok@fieldwork.test");
    expect(await attempt("ok@fieldwork.test", PASSWORD)).toMatchObject({ ok: true, user: { email: "ok@fieldwork.test", role: "INTERVIEWER" } });
    expect(await db().auditEvent.count({ where: { action: "sign-in" } })).toBe(1);
  });

  it("gives one answer for a wrong password, an unknown email, a deactivated account and a paused one", async () => {
    await makeUser("wrong@fieldwork.test");
    await makeUser("gone@fieldwork.test");
    await db().user.update({ where: { email: "gone@fieldwork.test" }, data: { active: false } });
    const invalid = { ok: false, reason: "INVALID" };
    expect(await attempt("wrong@fieldwork.test", "nope")).toEqual(invalid);
    expect(await attempt("nobody@fieldwork.test", "nope")).toEqual(invalid);
    expect(await attempt("gone@fieldwork.test", PASSWORD)).toEqual(invalid);
    for (let i = 0; i < 3; i++) await attempt("wrong@fieldwork.test", "nope");
    expect(await attempt("wrong@fieldwork.test", PASSWORD)).toEqual(invalid);
    // An unknown address is paused exactly like a real one: nothing to tell them apart.
    for (let i = 0; i < 3; i++) expect(await attempt("nobody@fieldwork.test", "nope")).toEqual(invalid);
    expect(await failures("TOO_MANY_ATTEMPTS", "nobody@fieldwork.test")).toBe(1);
    expect(await failures("TOO_MANY_ATTEMPTS", "wrong@fieldwork.test")).toBe(2);
  });

  it("pauses an account from one address after the limit, even for the right password, until the window ends", async () => {
    await makeUser("lock@fieldwork.test");
    for (let i = 0; i < 3; i++) expect((await attempt("lock@fieldwork.test", "guess")).ok).toBe(false);
    expect((await attempt("lock@fieldwork.test", PASSWORD, "192.0.2.1", later(14))).ok).toBe(false);
    expect((await attempt("lock@fieldwork.test", PASSWORD, "192.0.2.1", later(16))).ok).toBe(true);
  });

  it("does not let a stranger at another address keep a known account locked", async () => {
    await makeUser("victim@fieldwork.test");
    for (let i = 0; i < 10; i++) await attempt("victim@fieldwork.test", "guess", "203.0.113.66");
    expect((await attempt("victim@fieldwork.test", PASSWORD, "203.0.113.66")).ok).toBe(false);
    expect((await attempt("victim@fieldwork.test", PASSWORD, "192.0.2.1")).ok).toBe(true);
  });

  it("checks no more passwords than the limit in a burst of 30 parallel guesses, and a right password inside it resets nothing", async () => {
    await makeUser("burst@fieldwork.test");
    const guesses = Array.from({ length: 30 }, (_, i) => attempt("burst@fieldwork.test", i === 15 ? PASSWORD : `guess-${i}`));
    const outcomes = await Promise.all(guesses);
    expect(await failures("WRONG_PASSWORD", "burst@fieldwork.test")).toBeLessThanOrEqual(3);
    // Every wrong guess was refused; only the right password (guess 15) may have got in.
    expect(outcomes.filter((o, i) => i !== 15 && o.ok)).toEqual([]);
    // Whatever happened to the right one inside the burst, the limit is used up now.
    expect((await attempt("burst@fieldwork.test", "guess-again")).ok).toBe(false);
    expect(await failures("WRONG_PASSWORD", "burst@fieldwork.test")).toBeLessThanOrEqual(3);
  });

  it("pauses the account from everywhere after guesses spread over many addresses, shows it to administrators, and a reset lifts it", async () => {
    const user = await makeUser("spread@fieldwork.test");
    for (let i = 0; i < 30; i++) await attempt("spread@fieldwork.test", "guess", `198.51.100.${i}`);
    expect((await attempt("spread@fieldwork.test", PASSWORD, "192.0.2.200")).ok).toBe(false);
    const listed = (await listUsers({ policy, now })).find((u) => u.email === "spread@fieldwork.test");
    expect(listed?.lockedUntil).toEqual(later(15));
    const admin = await makeUser("admin-reset@fieldwork.test");
    const { temporaryPassword } = await resetUserPassword({ actorId: admin.id, input: { userId: user.id }, now });
    expect((await attempt("spread@fieldwork.test", temporaryPassword, "192.0.2.200")).ok).toBe(true);
  });
});
