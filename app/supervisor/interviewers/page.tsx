import Link from "next/link";
import { formatWeekdayDateTime } from "@/lib/format";
import { ReassignAppointmentForm } from "@/components/fieldwork/ControlForms";
import { InterviewerTable } from "@/components/fieldwork/InterviewerTable";
import { Table } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { getInterviewerView } from "@/lib/fieldwork/db/interviewers";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Interviewers" });

export default staffPage(async function InterviewersPage() {
  await requireRole("fieldwork:monitor");
  const view = await getInterviewerView();
  return (
    <>
      <span className="govuk-caption-l">Control room</span>
      <h1 className="govuk-heading-l">Interviewers</h1>
      <p className="govuk-body">
        Telephone attempts today and this week (Monday to Sunday, UK time), as at {formatWeekdayDateTime(view.at)}.{" "}
        <Link className="govuk-link" href="/supervisor/interviewers">
          Refresh
        </Link>
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these are counted</span>
        </summary>
        <div className="govuk-details__text">
          Sign-ins are not recorded as sessions, so hours working are taken from the calls: each day, from the first case taken to the last outcome recorded (or
          now, while a call is open). Contacts: a person at the number spoke to the interviewer. Refusals: soft, hard and opt-outs, as a share of contacts.
          Average interview: from taking the case to completing the interview. An appointment is kept when the case is called from 15 minutes before to an hour
          after its time, and missed when that hour passes without a call.
        </div>
      </details>
      {view.interviewers.length === 0 ? (
        <p className="govuk-body">No interviewer has worked a case this week.</p>
      ) : (
        <>
          <InterviewerTable rows={view.interviewers} period="today" caption="Today" />
          <InterviewerTable rows={view.interviewers} period="week" caption="This week" />
        </>
      )}
      <h2 className="govuk-heading-m">Appointments from today</h2>
      {view.appointments.length === 0 ? (
        <p className="govuk-body">No open appointments.</p>
      ) : (
        <Table
          caption="Open appointments, earliest first"
          captionSize="hidden"
          compact
          data-testid="appointments"
          rows={view.appointments}
          rowKey={(a) => a.caseId}
          columns={[
            { header: "When", cell: (a) => formatWeekdayDateTime(a.at) },
            { header: "Sample and cell", cell: (a) => `${a.sample}, ${a.cell}` },
            { header: "Offered first to", cell: (a) => a.interviewerName ?? "Anyone" },
            {
              header: "Reassign",
              cell: (a) => (
                <ReassignAppointmentForm caseId={a.caseId} current={a.interviewerId} choices={view.choices} label={`at ${formatWeekdayDateTime(a.at)}`} />
              ),
            },
          ]}
        />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href="/supervisor/fieldwork">
          Back to the control room
        </Link>
      </p>
    </>
  );
});
