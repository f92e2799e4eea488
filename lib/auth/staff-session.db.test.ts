import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeOwnPassword, createUser, resetUserPassword, setUserActive } from "@/lib/users/manage";
import { checkStaffSession, openStaffSession, revokeStaffSession } from "./staff-session";

const limits = { maxAgeHours: 8, idleMinutes: 30 };
const now = new Date("2026-01-05T09:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const PASSWORD = "correct horse battery";

async function signedIn(email: string) {
  const { user } = await createUser({ actorId: null, input: { email, name: "Session person", role: "SUPERVISOR" }, password: PASSWORD });
  return { user, sessionId: await openStaffSession({ userId: user.id, limits, now }) };
}
const check = (sessionId: string, at: Date) => checkStaffSession({ sessionId, limits, now: at });

describe("staff sessions", () => {
  it("stays open while used, ends after 30 idle minutes", async () => {
    const { sessionId } = await signedIn("idle@fieldwork.test");
    expect(await check(sessionId, later(29))).toMatchObject({ email: "idle@fieldwork.test", role: "SUPERVISOR" });
    expect(await check(sessionId, later(58))).not.toBeNull();
    expect(await check(sessionId, later(89))).toBeNull();
  });

  it("ends at the absolute limit however busy it is", async () => {
    const { sessionId } = await signedIn("busy@fieldwork.test");
    for (let m = 20; m < 8 * 60; m += 20) expect(await check(sessionId, later(m))).not.toBeNull();
    expect(await check(sessionId, later(8 * 60 + 1))).toBeNull();
  });

  it("ends at sign-out, and a copy of the cookie dies with it", async () => {
    const { sessionId } = await signedIn("out@fieldwork.test");
    await revokeStaffSession({ sessionId, reason: "SIGNED_OUT", now: later(1) });
    expect(await check(sessionId, later(2))).toBeNull();
    expect(await check("not-a-session", later(2))).toBeNull();
  });

  it("a password change ends the person's other sessions and keeps the one that made it", async () => {
    const { user, sessionId: here } = await signedIn("change@fieldwork.test");
    const elsewhere = await openStaffSession({ userId: user.id, limits, now });
    await changeOwnPassword({
      userId: user.id,
      sessionId: here,
      input: { currentPassword: PASSWORD, newPassword: "a new long passphrase", confirmPassword: "a new long passphrase" },
      now: later(1),
    });
    expect(await check(here, later(2))).not.toBeNull();
    expect(await check(elsewhere, later(2))).toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "user.password-changed" } });
    expect(audit.details).toMatchObject({ otherSessionsEnded: 1 });
  });

  it("a reset and a deactivation end every session; a role change applies at once", async () => {
    const admin = await signedIn("boss@fieldwork.test");
    const a = await signedIn("reset@fieldwork.test");
    await resetUserPassword({ actorId: admin.user.id, input: { userId: a.user.id }, now: later(1) });
    expect(await check(a.sessionId, later(2))).toBeNull();

    const b = await signedIn("leaver@fieldwork.test");
    await db().user.update({ where: { id: b.user.id }, data: { role: "ANALYST" } });
    expect(await check(b.sessionId, later(1))).toMatchObject({ role: "ANALYST" });
    await setUserActive({ actorId: admin.user.id, input: { userId: b.user.id, active: false }, now: later(2) });
    expect(await check(b.sessionId, later(3))).toBeNull();
    // Reactivating does not bring the old session back.
    await setUserActive({ actorId: admin.user.id, input: { userId: b.user.id, active: true }, now: later(4) });
    expect(await check(b.sessionId, later(5))).toBeNull();
  });
});
