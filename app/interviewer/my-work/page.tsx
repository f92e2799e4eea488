import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { getMyWork } from "@/lib/cati/db/my-work";
import { formatTime, formatWeekdayDateTime } from "@/lib/format";
import { Table } from "@/components/govuk/Table";
import { CLIENT_ROLE_LABELS, type ClientRole } from "@/lib/interchange/codes";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "My work" });

export default staffPage(async function MyWorkPage() {
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
          <Table
            caption="Your appointments today"
            captionSize="hidden"
            rows={work.appointments}
            rowKey={(a) => a.caseId}
            columns={[
              { header: "Time (UK)", cell: (a) => formatTime(a.at) },
              { header: "Survey", cell: (a) => `${a.survey} ${a.period}` },
              { header: "Client's role", cell: (a) => CLIENT_ROLE_LABELS[a.role as ClientRole] ?? a.role },
              { header: "Status", cell: (a) => (a.heldByOther ? "Being called by another interviewer" : a.due ? "Due now" : "Later today") },
            ]}
          />
        </>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/interviewer">
          {work.heldCaseId ? "Return to your case" : "Take your next case"}
        </Link>
      </p>
      <h2 className="govuk-heading-m">Interviews waiting to be resumed</h2>
      {work.toResume.length === 0 ? (
        <p className="govuk-body">No interview you started is waiting to be resumed.</p>
      ) : (
        <>
          <p className="govuk-body">The client stopped part-way; the answers are kept and the interview carries on from the same question.</p>
          <Table
            caption="Interviews waiting to be resumed"
            captionSize="hidden"
            rows={work.toResume}
            rowKey={(c) => c.caseId}
            columns={[
              { header: "Stopped (UK time)", cell: (c) => (c.stoppedAt ? formatWeekdayDateTime(c.stoppedAt) : "") },
              { header: "Survey", cell: (c) => `${c.survey} ${c.period}` },
              { header: "Client's role", cell: (c) => CLIENT_ROLE_LABELS[c.role as ClientRole] ?? c.role },
              {
                header: "Resumes (UK time)",
                cell: (c) => (c.resumeAt ? `${formatWeekdayDateTime(c.resumeAt)}${c.agreed ? " (your appointment)" : ""}` : "When next offered"),
              },
            ]}
          />
        </>
      )}
      <h2 className="govuk-heading-m">Interviews you completed</h2>
      {work.completed.length === 0 ? (
        <p className="govuk-body">You have not completed an interview yet.</p>
      ) : (
        <Table
          caption={`${work.completed.length} most recent`}
          captionSize="s"
          rows={work.completed}
          rowKey={(c) => c.attemptId}
          columns={[
            { header: "Completed (UK time)", cell: (c) => formatWeekdayDateTime(c.at) },
            { header: "Survey", cell: (c) => `${c.survey} ${c.period}` },
            { header: "Client's role", cell: (c) => CLIENT_ROLE_LABELS[c.role as ClientRole] ?? c.role },
          ]}
        />
      )}
    </>
  );
});
