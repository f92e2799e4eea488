import Link from "next/link";
import { Table } from "@/components/govuk/Table";
import { ROLE_LABEL, type StaffRole } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  active: boolean;
  lockedUntil: Date | null;
  lastSignInAt: Date | null;
}

function Status({ user, now }: { user: UserRow; now: Date }) {
  if (!user.active) return <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>;
  if (user.lockedUntil && user.lockedUntil > now) return <strong className="govuk-tag govuk-tag--red">Locked</strong>;
  return <strong className="govuk-tag govuk-tag--green">Active</strong>;
}

const actionLink = (user: UserRow, change: string) => `/admin/users?user=${user.id}&change=${change}`;

/** Every user, with links to reset a password or (de)activate; each change is confirmed on the next step. */
export function UserTable({ users, currentUserId, now }: { users: UserRow[]; currentUserId: string; now: Date }) {
  return (
    <Table
      caption="All users"
      rows={users}
      rowKey={(u) => u.id}
      columns={[
        { header: "Name", rowHeader: true, cell: (u) => u.name },
        { header: "Email address", className: "fw-wrap-anywhere", cell: (u) => u.email },
        { header: "Role", cell: (u) => ROLE_LABEL[u.role] },
        { header: "Status", cell: (u) => <Status user={u} now={now} /> },
        { header: "Last signed in", cell: (u) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never") },
        {
          header: "Actions",
          cell: (u) => (
            <div className="govuk-button-group govuk-!-margin-bottom-0">
              <Link href={`/admin/users/${u.id}`} className="govuk-link">
                Change<span className="govuk-visually-hidden"> name, email or role of {u.name}</span>
              </Link>
              <Link
                href={actionLink(u, "reset")}
                role="button"
                draggable={false}
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                data-module="govuk-button"
              >
                Reset password<span className="govuk-visually-hidden"> for {u.name}</span>
              </Link>
              {u.id !== currentUserId && (
                <Link
                  href={actionLink(u, u.active ? "deactivate" : "reactivate")}
                  role="button"
                  draggable={false}
                  className={`govuk-button govuk-!-margin-bottom-0 ${u.active ? "govuk-button--warning" : "govuk-button--secondary"}`}
                  data-module="govuk-button"
                >
                  {u.active ? "Deactivate" : "Reactivate"}
                  <span className="govuk-visually-hidden"> {u.name}</span>
                </Link>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}
