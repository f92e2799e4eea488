import "server-only";
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { clearRateLimits, takeRateLimits, type RateLimit } from "@/lib/http/rate-limit";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { StaffRole } from "./roles";
import type { SignInInput } from "./schemas";
import { currentTime } from "@/lib/clock";

export interface SignInPolicy {
  /** wrong passwords for one account from one address per window */
  maxFailures: number;
  /** the window, in minutes: a pause lasts until it ends */
  lockoutMinutes: number;
  failureDelayMs: number;
}

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string; role: StaffRole } }
  // One answer for a wrong password, an unknown or deactivated account and a
  // paused one, so sign-in reveals nothing about which accounts exist.
  | { ok: false; reason: "INVALID" };

// Attempts are counted in PostgreSQL (RateLimitBucket), shared by every
// instance, and counted BEFORE the password is checked, so a burst of parallel
// guesses cannot get more checks than the limit. Three counts per attempt:
// - the account from this address: maxFailures per window. A stranger guessing
//   from elsewhere pauses only their own address, never the real user's;
// - the account from anywhere: 10 x maxFailures (guessing spread over many addresses);
// - this address, any account: 20 x maxFailures (one address trying many accounts;
//   generous, because an office's interviewers share one address).
// A correct password takes its own count back; it never resets anyone else's.
// Accounts are keyed by a hash of the email address as typed (lower-cased), so
// unknown addresses are counted exactly like real ones.
function signInLimits(policy: SignInPolicy) {
  const windowSeconds = Math.round(policy.lockoutMinutes * 60);
  return {
    accountFromAddress: { name: "signin:account-ip", limit: policy.maxFailures, windowSeconds },
    account: { name: "signin:account", limit: policy.maxFailures * 10, windowSeconds },
    address: { name: "signin:ip", limit: policy.maxFailures * 20, windowSeconds },
  } satisfies Record<string, RateLimit>;
}

export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
}

/**
 * Checks an email and password from a client address. Every failure gets the
 * same answer after the same delay; the audit log says which it was.
 */
export async function verifyCredentials({
  input,
  ip,
  policy,
  now = currentTime(),
}: {
  input: SignInInput;
  ip: string;
  policy: SignInPolicy;
  now?: Date;
}): Promise<SignInOutcome> {
  const prisma = db();
  const account = accountKey(input.email);
  const limits = signInLimits(policy);
  const attempt = await takeRateLimits({
    now,
    hits: [
      { limit: limits.accountFromAddress, subject: `${account}:${ip}` },
      { limit: limits.account, subject: account },
      { limit: limits.address, subject: ip },
    ],
  });
  const user = await prisma.user.findUnique({ where: { email: input.email } });

  const fail = async (why: "TOO_MANY_ATTEMPTS" | "WRONG_PASSWORD" | "UNKNOWN_OR_INACTIVE") => {
    // The email address typed is personal data, and for an unknown account it may
    // be a password typed in the wrong box: the log keeps only the account's hash.
    await recordAuditEvent(prisma, {
      actorId: user?.id ?? null,
      action: "sign-in.failed",
      entityType: "User",
      entityId: user?.id,
      details: { account, ip, why },
    });
    await sleep(policy.failureDelayMs);
    return { ok: false as const, reason: "INVALID" as const };
  };

  if (!attempt.allowed) return fail("TOO_MANY_ATTEMPTS");
  if (!user || !user.active || !user.passwordHash) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return fail("UNKNOWN_OR_INACTIVE");
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) return fail("WRONG_PASSWORD");

  await attempt.refund();
  await prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await recordAuditEvent(prisma, { actorId: user.id, action: "sign-in", entityType: "User", entityId: user.id, details: { method: "password", ip } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** Lifts every sign-in pause on an account (an administrator's reset or reactivation). */
export async function clearSignInPauses(email: string): Promise<void> {
  const account = accountKey(email);
  await clearRateLimits({ prefix: `signin:account-ip:${account}:` });
  await clearRateLimits({ prefix: `signin:account:${account}` });
}

/** When sign-in to the account is paused from everywhere (the account-wide count is used up), until when. */
export async function accountPausedUntil({ emails, policy, now }: { emails: string[]; policy: SignInPolicy; now: Date }): Promise<Map<string, Date>> {
  const limit = signInLimits(policy).account;
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const byKey = new Map(emails.map((e) => [`${limit.name}:${accountKey(e)}`, e]));
  const full = await db().rateLimitBucket.findMany({ where: { key: { in: [...byKey.keys()] }, windowStart, count: { gte: limit.limit } } });
  return new Map(full.map((b) => [byKey.get(b.key)!, new Date(windowStart.getTime() + windowMs)]));
}

/** A user signing in through the organisation's identity provider must already exist (an admin gives the role). */
export async function findUserForOidc(email: string, now = currentTime()) {
  const user = await db().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !user.active) return null;
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await recordAuditEvent(db(), { actorId: user.id, action: "sign-in", entityType: "User", entityId: user.id, details: { method: "oidc" } });
  return user;
}
