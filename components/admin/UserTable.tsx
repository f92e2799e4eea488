"use client";
import { useState, useTransition } from "react";
import { resetUserPasswordAction, setUserActiveAction } from "@/app/admin/users/actions";
import { ROLE_LABEL, type Role } from "@/lib/auth/roles";
import { currentTime } from "@/lib/clock";
import { formatDateTime } from "@/lib/format";

interface Row {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
}


export function UserTable({ users, currentUserId }: { users: Row[]; currentUserId: string }) {
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string; password?: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function toggle(user: Row) {
    startTransition(async () => {
      const result = await setUserActiveAction({ userId: user.id, active: !user.active });
      setNotice(result.ok ? { kind: "success", text: `${user.name} is now ${user.active ? "deactivated" : "active"}` } : { kind: "error", text: result.message });
    });
  }
  function reset(user: Row) {
    startTransition(async () => {
      const result = await resetUserPasswordAction({ userId: user.id });
      setNotice(result.ok ? { kind: "success", text: `New temporary password for ${user.name}:`, password: result.data.temporaryPassword } : { kind: "error", text: result.message });
    });
  }

  return (
    <>
      {notice && (
        <div className={`govuk-notification-banner${notice.kind === "success" ? " govuk-notification-banner--success" : ""}`} role={notice.kind === "success" ? "status" : "alert"} aria-labelledby="user-notice-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="user-notice-title">{notice.kind === "success" ? "Done" : "There is a problem"}</h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {notice.text} {notice.password && <strong data-testid="temporary-password">{notice.password}</strong>}
            </p>
            {notice.password && <p className="govuk-body">They must change it when they sign in. It will not be shown again.</p>}
          </div>
        </div>
      )}
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">All users</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Name</th>
            <th scope="col" className="govuk-table__header">Email address</th>
            <th scope="col" className="govuk-table__header">Role</th>
            <th scope="col" className="govuk-table__header">Status</th>
            <th scope="col" className="govuk-table__header">Last signed in</th>
            <th scope="col" className="govuk-table__header">Actions</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {users.map((u) => {
            const locked = u.lockedUntil && new Date(u.lockedUntil) > currentTime();
            return (
              <tr className="govuk-table__row" key={u.id}>
                <th scope="row" className="govuk-table__header">{u.name}</th>
                <td className="govuk-table__cell">{u.email}</td>
                <td className="govuk-table__cell">{ROLE_LABEL[u.role]}</td>
                <td className="govuk-table__cell">
                  {!u.active ? <strong className="govuk-tag govuk-tag--grey">Deactivated</strong> : locked ? <strong className="govuk-tag govuk-tag--red">Locked</strong> : <strong className="govuk-tag govuk-tag--green">Active</strong>}
                </td>
                <td className="govuk-table__cell">{u.lastSignInAt ? formatDateTime(new Date(u.lastSignInAt)) : "Never"}</td>
                <td className="govuk-table__cell">
                  <div className="govuk-button-group govuk-!-margin-bottom-0">
                    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={pending} onClick={() => reset(u)}>
                      Reset password<span className="govuk-visually-hidden"> for {u.name}</span>
                    </button>
                    {u.id !== currentUserId && (
                      <button type="button" className={`govuk-button govuk-!-margin-bottom-0 ${u.active ? "govuk-button--warning" : "govuk-button--secondary"}`} disabled={pending} onClick={() => toggle(u)}>
                        {u.active ? "Deactivate" : "Reactivate"}<span className="govuk-visually-hidden"> {u.name}</span>
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
