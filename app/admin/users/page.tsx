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
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Users" });

const usersQuerySchema = z.object({
  user: optionalQuery(z.uuid()),
  change: optionalQuery(userChangeSchema),
  updated: optionalQuery(z.uuid()),
  changed: optionalQuery(z.string().max(40)),
});

const CHANGED_WORDS: Record<string, string> = { name: "name", email: "email address", role: "role" };

export default staffPage(async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireRole("users:manage");
  const [users, query] = await Promise.all([listUsers({ policy: signInPolicy(env()) }), pageParams(usersQuerySchema, searchParams)]);
  const chosen = query.user && query.change ? users.find((u) => u.id === query.user) : undefined;
  const updated = query.updated ? users.find((u) => u.id === query.updated) : undefined;
  const changedWords = (query.changed ?? "")
    .split(",")
    .map((c) => CHANGED_WORDS[c])
    .filter(Boolean);
  return (
    <>
      <h1 className="govuk-heading-l">Users</h1>
      {chosen && query.change ? (
        <ConfirmUserChange key={`${chosen.id}-${query.change}`} userId={chosen.id} name={chosen.name} change={query.change} />
      ) : (
        <>
          {updated && (
            <div
              className="govuk-notification-banner govuk-notification-banner--success"
              role="alert"
              aria-labelledby="updated-title"
              data-module="govuk-notification-banner"
            >
              <div className="govuk-notification-banner__header">
                <h2 className="govuk-notification-banner__title" id="updated-title">
                  Success
                </h2>
              </div>
              <div className="govuk-notification-banner__content">
                <p className="govuk-notification-banner__heading fw-wrap-anywhere">
                  {changedWords.length === 0 ? `Nothing changed for ${updated.name}` : `Changed the ${changedWords.join(" and ")} of ${updated.name}`}
                </p>
              </div>
            </div>
          )}
          <p className="govuk-body">People who can sign in to Fieldwork and what their role lets them do.</p>
          <Link href="/admin/users/new" className="govuk-button" role="button" draggable={false}>
            Add a user
          </Link>
          <UserTable currentUserId={admin.id} users={users} now={currentTime()} />
        </>
      )}
    </>
  );
});
