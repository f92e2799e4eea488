import "server-only";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record";
import { hashPassword, temporaryPassword, verifyPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ChangePasswordInput, CreateUserInput, SetUserActiveInput, UserIdInput } from "./schemas";

export function listUsers() {
  return db().user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, active: true, lockedUntil: true, lastSignInAt: true },
  });
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

export async function setUserActive({ actorId, input }: { actorId: string; input: SetUserActiveInput }) {
  if (actorId === input.userId && !input.active) {
    throw new AppError("SELF_DEACTIVATION", "You cannot deactivate your own account");
  }
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists");
    await tx.user.update({
      where: { id: input.userId },
      // Deactivating ends the person's sessions at once (sessionVersion bump).
      data: { active: input.active, sessionVersion: { increment: input.active ? 0 : 1 }, lockedUntil: null, failedSignIns: 0 },
    });
    await recordAuditEvent(tx, { actorId, action: input.active ? "user.reactivated" : "user.deactivated", entityType: "User", entityId: input.userId });
  });
}

/** Gives the user a new temporary password, unlocks the account and ends their sessions. */
export async function resetUserPassword({ actorId, input }: { actorId: string; input: UserIdInput }) {
  const chosen = temporaryPassword();
  const passwordHash = await hashPassword(chosen);
  await db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new AppError("NOT_FOUND", "This user no longer exists");
    await tx.user.update({
      where: { id: input.userId },
      data: { passwordHash, mustChangePassword: true, lockedUntil: null, failedSignIns: 0, sessionVersion: { increment: 1 } },
    });
    await recordAuditEvent(tx, { actorId, action: "user.password-reset", entityType: "User", entityId: input.userId });
  });
  return { temporaryPassword: chosen };
}

export async function changeOwnPassword({ userId, input }: { userId: string; input: ChangePasswordInput }) {
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("WRONG_PASSWORD", "Your current password is not correct", "currentPassword");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    await recordAuditEvent(tx, { actorId: userId, action: "user.password-changed", entityType: "User", entityId: userId });
  });
}

export function listAuditEvents({ take = 100 }: { take?: number } = {}) {
  return db().auditEvent.findMany({ orderBy: { at: "desc" }, take, include: { actor: { select: { name: true, email: true } } } });
}
