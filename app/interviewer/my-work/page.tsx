import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@/components/questionnaire/labels";
import { requireRole } from "@/lib/auth/session";
import { getMyWork } from "@/lib/cati/db/my-work";
import type { Role } from "@/lib/questionnaire";
import { formatTime, formatWeekdayDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "My work" };

export default async function MyWorkPage() {
  const user = await requireRole("cases:work");
  const work = await getMyWork({ interviewerId: user.id });
  return (
    <>
      <span className="govuk-caption-l">Interviewer – {user.name}</span>
      <h1 className="govuk-heading-l">My work</h1>
      <h2 className="govuk-heading-m">Your appointments today</h2>
      {work.appointments.length === 0 ? (
        <p className="govuk-body">You have no appointments today.</p>
      ) : (
        <>
          <p className="govuk-body">Your own appointments come first when you take your next case, once they are due.</p>
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Your appointments today</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Time (UK)</th>
                <th scope="col" className="govuk-table__header">Survey</th>
                <th scope="col" className="govuk-table__header">Client&apos;s role</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {work.appointments.map((a) => (
                <tr className="govuk-table__row" key={a.caseId}>
                  <td className="govuk-table__cell">{formatTime(a.at)}</td>
                  <td className="govuk-table__cell">{`${a.survey} ${a.period}`}</td>
                  <td className="govuk-table__cell">{ROLE_LABELS[a.role as Role] ?? a.role}</td>
                  <td className="govuk-table__cell">{a.heldByOther ? "Being called by another interviewer" : a.due ? "Due now" : "Later today"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/interviewer">
          {work.heldCaseId ? "Return to your case" : "Take your next case"}
        </Link>
      </p>
      <h2 className="govuk-heading-m">Interviews you completed</h2>
      {work.completed.length === 0 ? (
        <p className="govuk-body">You have not completed an interview yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{`${work.completed.length} most recent`}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Completed (UK time)</th>
              <th scope="col" className="govuk-table__header">Survey</th>
              <th scope="col" className="govuk-table__header">Client&apos;s role</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {work.completed.map((c) => (
              <tr className="govuk-table__row" key={c.attemptId}>
                <td className="govuk-table__cell">{formatWeekdayDateTime(c.at)}</td>
                <td className="govuk-table__cell">{`${c.survey} ${c.period}`}</td>
                <td className="govuk-table__cell">{ROLE_LABELS[c.role as Role] ?? c.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
