import type { Metadata } from "next";
import Link from "next/link";
import { UserTable } from "@/components/admin/UserTable";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/manage";
import { signInPolicy } from "@/lib/auth/options";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireRole("users:manage");
  const users = await listUsers({ policy: signInPolicy(env()) });
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      <p className="govuk-body">People who can sign in to Fieldwork and what their role lets them do.</p>
      <Link href="/admin/users/new" className="govuk-button" role="button" draggable={false}>Add a user</Link>
      <UserTable currentUserId={admin.id} users={users.map((u) => ({ ...u, lockedUntil: u.lockedUntil?.toISOString() ?? null, lastSignInAt: u.lastSignInAt?.toISOString() ?? null }))} />
    </>
  );
}
