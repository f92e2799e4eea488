import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { forbidden, redirect, unauthorized } from "next/navigation";
import { headers } from "next/headers";
import { db } from "@/lib/db/client";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";
import type { Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
}

/**
 * The signed-in user, re-read from the database on every request so that a
 * deactivation, a password reset or a role change takes effect at once. Read
 * once per request (React cache): the layout and the page share the answer.
 */
export const getSessionUser = cache(async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, mustChangePassword: user.mustChangePassword };
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
  if (!can(user.role, permission)) forbidden();
  if (user.mustChangePassword && permission !== "account:self" && !options.api) redirect("/account/password");
  return user;
}
