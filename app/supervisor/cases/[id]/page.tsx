import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SummaryList } from "@/components/govuk/SummaryList";
import { Table } from "@/components/govuk/Table";
import { CONTACT_REASON_LABELS } from "@/components/questionnaire/labels";
import { requireRole } from "@/lib/auth/session";
import { dispositionWords, OUTCOMES, type CallOutcome } from "@/lib/cati";
import { getSupervisorCase } from "@/lib/cati/db/case-search";
import { WEB_OUTCOME_LABELS } from "@/lib/cawi/outcome-labels";
import { formatDate, formatWeekdayDateTime } from "@/lib/format";
import { pageParams, uuidParams } from "@/lib/http/params";
import { CLIENT_ROLE_LABELS, type ClientRole } from "@/lib/interchange/codes";
import type { ContactReason } from "@/lib/questionnaire";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findCase = cache((caseId: string) => getSupervisorCase({ caseId }));

export const generateMetadata = recordMetadata(uuidParams, "Case", ({ id }) => findCase(id));

const outcomeWords = (o: string | null, open: boolean) =>
  o === null ? (open ? "In progress" : "No outcome recorded (hold expired)") : (OUTCOMES[o as CallOutcome]?.label ?? WEB_OUTCOME_LABELS[o] ?? o);

const STATUS: Record<string, string> = { IN_PROGRESS: "In progress", COMPLETE: "Complete", BROKEN_OFF: "Stopped part-way (broken off)" };

/** One case for a supervisor (issue 18): where it stands, every call and the answers so far. No phone number, email or name. */
export default staffPage(async function SupervisorCasePage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("fieldwork:monitor");
  const { id } = await pageParams(uuidParams, params);
  const c = await findCase(id);
  if (!c) notFound();
  const rows: [string, string][] = [
    ["Sample", c.sample],
    ["Client reference", `${c.service} ${c.clientRef}`],
    ["Client's role", CLIENT_ROLE_LABELS[c.role as ClientRole] ?? c.role],
    ["Reason for contact", `${CONTACT_REASON_LABELS[c.contactReason as ContactReason] ?? c.contactReason}, ${formatDate(c.contactDate)}`],
    ["Disposition", `${dispositionWords(c.disposition)}${c.final ? " (final)" : ""}`],
    ["Calls so far", String(c.attempts)],
  ];
  if (!c.final && c.appointmentAt) rows.push(["Appointment", `${formatWeekdayDateTime(c.appointmentAt)} (UK time)`]);
  else if (!c.final && c.nextCallAt) rows.push(["Next offered", `${formatWeekdayDateTime(c.nextCallAt)} (UK time)`]);
  if (c.heldBy) rows.push(["Being called by", c.heldBy]);
  if (c.interview)
    rows.push(["Interview", `${c.interview.versionId}: ${STATUS[c.interview.status] ?? c.interview.status}, ${c.interview.answered} questions answered`]);
  return (
    <>
      <span className="govuk-caption-l">{c.sample}</span>
      <h1 className="govuk-heading-l">Case {c.clientRef}</h1>
      <p className="govuk-body">
        Contact details are not shown here: only the interviewer holding a case sees the phone number, and each time is recorded in the audit log.
      </p>
      <SummaryList rows={rows.map(([key, value]) => ({ key, value }))} />
      <h2 className="govuk-heading-m">Call history</h2>
      {c.history.length === 0 ? (
        <p className="govuk-body">Not called yet.</p>
      ) : (
        <Table
          caption="Call history"
          captionSize="hidden"
          rows={c.history}
          rowKey={(a) => a.id}
          data-testid="case-history"
          columns={[
            { header: "Started (UK time)", cell: (a) => formatWeekdayDateTime(a.startedAt) },
            { header: "By", cell: (a) => a.interviewer },
            {
              header: "Outcome",
              cell: (a) => `${outcomeWords(a.outcome, a.endedAt === null)}${a.appointmentAt ? `, appointment ${formatWeekdayDateTime(a.appointmentAt)}` : ""}`,
            },
            { header: "Disposition", cell: (a) => (a.disposition ? dispositionWords(a.disposition) : "") },
          ]}
        />
      )}
      <h2 className="govuk-heading-m">Answers so far</h2>
      {c.answers.length === 0 ? (
        <p className="govuk-body">{c.interview ? "No question has been answered yet." : "The interview has not started."}</p>
      ) : (
        <SummaryList rows={c.answers.map((a) => ({ key: a.question, value: a.answer }))} />
      )}
      <p className="govuk-body">
        <Link className="govuk-link" href={`/supervisor/cases?sampleId=${c.sampleId}`}>
          Other cases in this sample
        </Link>
      </p>
    </>
  );
});
