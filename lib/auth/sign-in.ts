import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { Role } from "./roles";
import type { SignInInput } from "./schemas";
import { currentTime } from "@/lib/clock";

export interface SignInPolicy {
  maxFailures: number;
  lockoutMinutes: number;
  failureDelayMs: number;
}

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "INVALID" | "LOCKED" };

/**
 * Checks an email and password. Wrong details get the same answer whether or
 * not the account exists, after the same delay; repeated failures lock the
 * account for a while (the lock itself is said, so staff know to wait or call
 * an administrator).
 */
export async function verifyCredentials(input: SignInInput, policy: SignInPolicy, now = currentTime()): Promise<SignInOutcome> {
  const prisma = db();
  const user = await prisma.user.findUnique({ where: { email: input.email } });

  const fail = async (reason: "INVALID" | "LOCKED", details: Record<string, unknown>) => {
    await recordAuditEvent(prisma, { actorId: user?.id ?? null, action: "sign-in.failed", entityType: "User", entityId: user?.id, details: { email: input.email, reason, ...details } });
    await sleep(policy.failureDelayMs);
    return { ok: false as const, reason };
  };

  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return fail("INVALID", { known: Boolean(user), active: user?.active ?? null });
  }
  if (user.lockedUntil && user.lockedUntil > now) return fail("LOCKED", {});

  if (!(await verifyPassword(user.passwordHash, input.password))) {
    // Atomic increment so parallel guesses all count.
    const updated = await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } } });
    if (updated.failedSignIns >= policy.maxFailures) {
      const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
      await prisma.user.update({ where: { id: user.id }, data: { lockedUntil, failedSignIns: 0 } });
      await recordAuditEvent(prisma, { actorId: user.id, action: "user.locked", entityType: "User", entityId: user.id, details: { until: lockedUntil.toISOString() } });
      return fail("LOCKED", { failures: updated.failedSignIns });
    }
    return fail("INVALID", { failures: updated.failedSignIns });
  }

  await prisma.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null, lastSignInAt: now } });
  await recordAuditEvent(prisma, { actorId: user.id, action: "sign-in", entityType: "User", entityId: user.id, details: { method: "password" } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

/** A user signing in through the organisation's identity provider must already exist (an admin gives the role). */
export async function findUserForOidc(email: string, now = currentTime()) {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.active) return null;
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await recordAuditEvent(db(), { actorId: user.id, action: "sign-in", entityType: "User", entityId: user.id, details: { method: "oidc" } });
  return user;
}
