import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { ConfirmUserChange } from "@/components/admin/ConfirmUserChange";
import { UserTable } from "@/components/admin/UserTable";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import { optionalQuery, pageParams } from "@/lib/http/params";
import { listUsers } from "@/lib/users/manage";
import { signInPolicy } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { userChangeSchema } from "@/lib/users/schemas";

export const metadata: Metadata = { title: "Users" };

const usersQuerySchema = z.object({ user: optionalQuery(z.uuid()), change: optionalQuery(userChangeSchema) });

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireRole("users:manage");
  const [users, query] = await Promise.all([listUsers({ policy: signInPolicy(env()) }), pageParams(usersQuerySchema, searchParams)]);
  const chosen = query.user && query.change ? users.find((u) => u.id === query.user) : undefined;
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      {chosen && query.change ? (
        <ConfirmUserChange key={`${chosen.id}-${query.change}`} userId={chosen.id} name={chosen.name} change={query.change} />
      ) : (
        <>
          <p className="govuk-body">People who can sign in to Fieldwork and what their role lets them do.</p>
          <Link href="/admin/users/new" className="govuk-button" role="button" draggable={false}>
            Add a user
          </Link>
          <UserTable currentUserId={admin.id} users={users} now={currentTime()} />
        </>
      )}
    </>
  );
}
