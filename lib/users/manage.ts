import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword, temporaryPassword, verifyPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/prisma/client";
import { accountPausedUntil, clearSignInPauses, type SignInPolicy } from "@/lib/auth/sign-in";
import { revokeUserSessions } from "@/lib/auth/staff-session";
import { currentTime } from "@/lib/clock";
import type { ChangePasswordInput, CreateUserInput, SetUserActiveInput, UpdateUserInput, UserIdInput } from "./schemas";

/** Staff accounts; `lockedUntil` is set while sign-in to the account is paused from every address (lib/auth/sign-in.ts). */
export async function listUsers({ policy, now = currentTime() }: { policy: SignInPolicy; now?: Date }) {
  const users = await db().user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, lastSignInAt: true },
  });
  const paused = await accountPausedUntil({ emails: users.map((u) => u.email), policy, now });
  return users.map((u) => ({ ...u, lockedUntil: paused.get(u.email) ?? null }));
}

/**
 * Adds a user with a temporary password that the admin passes on; the user
 * must change it at first sign-in. A given password is for seeds and the CLI.
 */
export async function createUser({ actorId, input, password }: { actorId: string | null; input: CreateUserInput; password?: string }) {
  const chosen = password ?? temporaryPassword();
  const passwordHash = await hashPassword(chosen);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { name: input.name, email: input.email, role: input.role, passwordHash, mustChangePassword: password === undefined },
      });
      await recordAuditEvent(tx, { actorId, action: "user.created", entityType: "User", entityId: created.id, details: { role: input.role } });
      return created;
    });
    return { user, temporaryPassword: chosen };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("EMAIL_TAKEN", "A user with this email address already exists", "email");
    }
    throw error;
  }
}

export async function setUserActive({ actorId, input, now = currentTime() }: { actorId: string; input: SetUserActiveInput; now?: Date }) {
  if (actorId === input.userId && !input.active) {
    throw new AppError("SELF_DEACTIVATION", "You cannot deactivate your own account");
  }
  const email = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists");
    await tx.user.update({ where: { id: input.userId }, data: { active: input.active } });
    // Deactivating ends the person's sessions at once.
    const ended = input.active ? 0 : await revokeUserSessions(tx, { userId: input.userId, reason: "DEACTIVATED", now });
    await recordAuditEvent(tx, {
      actorId,
      action: input.active ? "user.reactivated" : "user.deactivated",
      entityType: "User",
      entityId: input.userId,
      details: { name: user.name, sessionsEnded: ended },
    });
    return user.email;
  });
  if (input.active) await clearSignInPauses(email);
}

/** Gives the user a new temporary password, unlocks the account and ends their sessions. */
export async function resetUserPassword({ actorId, input, now = currentTime() }: { actorId: string; input: UserIdInput; now?: Date }) {
  const chosen = temporaryPassword();
  const passwordHash = await hashPassword(chosen);
  const email = await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists");
    await tx.user.update({ where: { id: input.userId }, data: { passwordHash, mustChangePassword: true } });
    const ended = await revokeUserSessions(tx, { userId: input.userId, reason: "PASSWORD_RESET", now });
    await recordAuditEvent(tx, {
      actorId,
      action: "user.password-reset",
      entityType: "User",
      entityId: input.userId,
      details: { name: user.name, sessionsEnded: ended },
    });
    return user.email;
  });
  await clearSignInPauses(email);
  return { temporaryPassword: chosen };
}

/** Changes the signed-in user's password and ends their other sessions (the one making the change, `sessionId`, stays). */
export async function changeOwnPassword({
  userId,
  sessionId,
  input,
  now = currentTime(),
}: {
  userId: string;
  sessionId: string;
  input: ChangePasswordInput;
  now?: Date;
}) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "Your current password is not correct", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    const ended = await revokeUserSessions(tx, { userId, reason: "PASSWORD_CHANGED", now, keep: sessionId });
    await recordAuditEvent(tx, {
      actorId: userId,
      action: "user.password-changed",
      entityType: "User",
      entityId: userId,
      details: { otherSessionsEnded: ended },
    });
  });
}

/** One user, for the change page. */
export async function getUser({ userId }: { userId: string }) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, active: true } });
}

/**
 * Changes a user's name, email address or role (issue 18), audited with what
 * changed (the role from and to; the email address itself is not copied into
 * the log). A role change applies at once: sessions read the role from the
 * database on every request. An administrator cannot change their own role.
 */
export async function updateUser({ actorId, input }: { actorId: string; input: UpdateUserInput }) {
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: input.userId } });
      if (!user) throw new AppError("NOT_FOUND", "This user no longer exists");
      if (actorId === input.userId && input.role !== user.role) {
        throw new AppError("SELF_ROLE_CHANGE", "You cannot change your own role: ask another administrator", "role");
      }
      const changed = [user.name !== input.name && "name", user.email !== input.email && "email", user.role !== input.role && "role"].filter((c): c is string =>
        Boolean(c),
      );
      if (changed.length === 0) return { changed };
      await tx.user.update({ where: { id: input.userId }, data: { name: input.name, email: input.email, role: input.role } });
      await recordAuditEvent(tx, {
        actorId,
        action: "user.updated",
        entityType: "User",
        entityId: input.userId,
        details: {
          changed,
          name: input.name,
          ...(user.name !== input.name ? { previousName: user.name } : {}),
          ...(user.role !== input.role ? { previousRole: user.role, role: input.role } : {}),
        },
      });
      return { changed };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("EMAIL_TAKEN", "A user with this email address already exists", "email");
    }
    throw error;
  }
}
