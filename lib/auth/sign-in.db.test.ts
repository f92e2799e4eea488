import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createUser } from "@/lib/users/manage";
import { verifyCredentials } from "./sign-in";

const policy = { maxFailures: 3, lockoutMinutes: 15, failureDelayMs: 0 };

async function makeUser(email: string, password = "correct horse battery") {
  await createUser({ actorId: null, input: { email, name: "Test person", role: "INTERVIEWER" }, password });
}

describe("verifyCredentials", () => {
  it("signs in with the right password and records it in the audit log", async () => {
    await makeUser("ok@fieldwork.test");
    const outcome = await verifyCredentials({ email: "ok@fieldwork.test", password: "correct horse battery" }, policy);
    expect(outcome).toMatchObject({ ok: true, user: { email: "ok@fieldwork.test", role: "INTERVIEWER" } });
    const events = await db().auditEvent.findMany({ where: { action: "sign-in" } });
    expect(events).toHaveLength(1);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    await makeUser("wrong@fieldwork.test");
    expect(await verifyCredentials({ email: "wrong@fieldwork.test", password: "nope" }, policy)).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials({ email: "nobody@fieldwork.test", password: "nope" }, policy)).toEqual({ ok: false, reason: "INVALID" });
  });

  it("locks the account after repeated failures, even for the right password, until the lock expires", async () => {
    await makeUser("lock@fieldwork.test");
    const now = new Date("2026-01-05T10:00:00Z");
    const wrong = { email: "lock@fieldwork.test", password: "guess" };
    expect((await verifyCredentials(wrong, policy, now)).ok).toBe(false);
    expect(await verifyCredentials(wrong, policy, now)).toEqual({ ok: false, reason: "INVALID" });
    expect(await verifyCredentials(wrong, policy, now)).toEqual({ ok: false, reason: "LOCKED" });
    const right = { email: "lock@fieldwork.test", password: "correct horse battery" };
    expect(await verifyCredentials(right, policy, new Date(now.getTime() + 14 * 60_000))).toEqual({ ok: false, reason: "LOCKED" });
    expect((await verifyCredentials(right, policy, new Date(now.getTime() + 16 * 60_000))).ok).toBe(true);
  });

  it("counts parallel wrong guesses without losing any", async () => {
    await makeUser("parallel@fieldwork.test");
    await Promise.all(Array.from({ length: 2 }, () => verifyCredentials({ email: "parallel@fieldwork.test", password: "x" }, { ...policy, maxFailures: 10 })));
    const user = await db().user.findUniqueOrThrow({ where: { email: "parallel@fieldwork.test" } });
    expect(user.failedSignIns).toBe(2);
  });

  it("refuses a deactivated user", async () => {
    await makeUser("gone@fieldwork.test");
    await db().user.update({ where: { email: "gone@fieldwork.test" }, data: { active: false } });
    expect(await verifyCredentials({ email: "gone@fieldwork.test", password: "correct horse battery" }, policy)).toEqual({ ok: false, reason: "INVALID" });
  });
});
