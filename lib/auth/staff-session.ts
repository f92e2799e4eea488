import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffRole } from "./roles";

// Server-side staff sessions (issue 17). The session cookie is next-auth's
// encrypted JWT, but it only names a StaffSession row; the row decides. So a
// copied cookie dies when its session is revoked (sign-out, a password change,
// a reset, deactivation), when it has been idle too long, and at the absolute
// limit, whatever the cookie's own expiry says and on every instance at once.

export type RevokeReason = "SIGNED_OUT" | "PASSWORD_CHANGED" | "PASSWORD_RESET" | "DEACTIVATED";

export interface SessionLimits {
  /** absolute: hours from sign-in, activity does not extend it */
  maxAgeHours: number;
  /** idle: minutes since the last request */
  idleMinutes: number;
}

export interface LiveSessionUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  mustChangePassword: boolean;
}

/** Opens a session for a user who has just signed in; returns its id (what the JWT carries). */
export async function openStaffSession({ userId, limits, now }: { userId: string; limits: SessionLimits; now: Date }): Promise<string> {
  const expiresAt = new Date(now.getTime() + limits.maxAgeHours * 3_600_000);
  const row = await db().staffSession.create({ data: { userId, createdAt: now, lastSeenAt: now, expiresAt }, select: { id: true } });
  return row.id;
}

/**
 * The rule, in one statement: a session is live when it is not revoked, not
 * past its absolute expiry, not idle longer than the idle limit, and its user is
 * active. A live session's lastSeenAt moves to `now`. Returns the user as the
 * database has them now (a role change applies at once), or null.
 */
export async function checkStaffSession({ sessionId, limits, now }: { sessionId: string; limits: SessionLimits; now: Date }): Promise<LiveSessionUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const idleSince = new Date(now.getTime() - limits.idleMinutes * 60_000);
  const rows = await db().$queryRaw<LiveSessionUser[]>`
    WITH live AS (
      UPDATE "StaffSession" SET "lastSeenAt" = ${now.toISOString()}::timestamp
      WHERE "id" = ${sessionId}::uuid AND "revokedAt" IS NULL
        AND "expiresAt" > ${now.toISOString()}::timestamp
        AND "lastSeenAt" > ${idleSince.toISOString()}::timestamp
      RETURNING "userId")
    SELECT u."id", u."email", u."name", u."role"::text AS "role", u."mustChangePassword"
    FROM "User" u JOIN live ON live."userId" = u."id"
    WHERE u."active"`;
  return rows[0] ?? null;
}

export async function revokeStaffSession({ sessionId, reason, now }: { sessionId: string; reason: RevokeReason; now: Date }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db().staffSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
}

/** Ends every live session of a user (all but `keep`, the one making a password change). */
export async function revokeUserSessions(
  tx: Prisma.TransactionClient,
  { userId, reason, now, keep }: { userId: string; reason: RevokeReason; now: Date; keep?: string },
): Promise<number> {
  const { count } = await tx.staffSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count;
}

/** Drops sessions that ended (revoked or expired) before `before`: the retention job's part for sessions. */
export async function purgeStaffSessions({ before }: { before: Date }): Promise<number> {
  const { count } = await db().staffSession.deleteMany({ where: { OR: [{ revokedAt: { lt: before } }, { expiresAt: { lt: before } }] } });
  return count;
}
