import { Table, type Column } from "@/components/govuk";
import type { InterviewerRow } from "@/lib/fieldwork/db/interviewers";
import { ReleaseCaseForm } from "./ControlForms";

const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(0)}%`);
const one = (v: number | null) => (v === null ? "n/a" : v.toFixed(1));

/** Interviewers' figures for one period (today or this week). */
export function InterviewerTable({ rows, period, caption }: { rows: InterviewerRow[]; period: "today" | "week"; caption: string }) {
  const figure = (header: string, cell: (f: InterviewerRow["today"]) => string | number): Column<InterviewerRow> => ({
    header,
    numeric: true,
    cell: (r) => cell(r[period]),
  });
  const columns: Column<InterviewerRow>[] = [
    { header: "Interviewer", rowHeader: true, cell: (r) => r.name },
    figure("Attempts", (f) => f.attempts),
    figure("Hours working", (f) => f.hoursWorking.toFixed(1)),
    figure("Attempts per hour", (f) => one(f.attemptsPerHour)),
    figure("Contacts", (f) => f.contacts),
    figure("Completes", (f) => f.completes),
    figure("Refusals (share of contacts)", (f) => `${f.refusals} (${pct(f.refusalShare)})`),
    figure("Average interview (minutes)", (f) => one(f.averageInterviewMinutes)),
    figure("Appointments kept", (f) => f.appointmentsKept),
    figure("Appointments missed", (f) => f.appointmentsMissed),
  ];
  if (period === "today") {
    columns.push({
      header: "Holding now",
      cell: (r) =>
        r.held ? (
          <>
            {r.held.sample}, {r.held.cell}: {r.held.minutes} min
            <ReleaseCaseForm caseId={r.held.caseId} who={r.name} />
          </>
        ) : (
          "–"
        ),
    });
  }
  return <Table caption={caption} columns={columns} rows={rows} rowKey={(r) => r.interviewerId} compact data-testid={`interviewers-${period}`} />;
}
