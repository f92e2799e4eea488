import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import { recordAuditEventNow } from "@/lib/audit/record";
import { noteRequestUser } from "@/lib/http/node-server";
import { authOptions } from "./options";
import { accessFor, type Permission } from "./permissions";
import type { StaffRole } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  mustChangePassword: boolean;
  /** the StaffSession row this request came with (a password change keeps it and ends the others) */
  sessionId: string;
}

/**
 * The signed-in user. next-auth's jwt callback (lib/auth/options.ts) checks the
 * session's StaffSession row and re-reads the user on every request, so a
 * sign-out, a password change, a reset, a deactivation or a role change takes
 * effect at once, on every instance.
 * Read once per request (React cache): the layout and the page share the answer.
 */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user?.id || !session.sessionId) return null;
  noteRequestUser(session.user.id);
  return { ...session.user, mustChangePassword: session.mustChangePassword, sessionId: session.sessionId };
});

/**
 * The one authorisation check. Every page, server action and route handler
 * calls it first with the permission it needs (lib/auth/permissions.ts).
 * No session: pages redirect to sign-in, route handlers answer 401.
 * Wrong role: "You do not have access" with HTTP 403.
 */
export async function requireRole(permission: Permission, options: { api?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    if (options.api) unauthorized();
    const path = (await headers()).get("x-fieldwork-path") ?? "/";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  const access = accessFor(user, permission);
  if (access === "refused") {
    // A refusal is audited (issue 17): who asked for what they may not have, where.
    const path = (await headers()).get("x-fieldwork-path") ?? null;
    await recordAuditEventNow({
      actorId: user.id,
      action: "access.denied",
      entityType: "User",
      entityId: user.id,
      details: { permission, path, role: user.role },
    });
    forbidden();
  }
  if (access === "temporary-password") {
    if (options.api) forbidden();
    redirect("/account/password");
  }
  return user;
}
