import type { InterviewerRow } from "@/lib/fieldwork/db/interviewers";
import { ReleaseCaseForm } from "./ControlForms";

const pct = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(0)}%`);
const one = (v: number | null) => (v === null ? "n/a" : v.toFixed(1));

/** Interviewers' figures for one period (today or this week). */
export function InterviewerTable({ rows, period, caption }: { rows: InterviewerRow[]; period: "today" | "week"; caption: string }) {
  return (
    <div className="fw-table-scroll">
      <table className="govuk-table govuk-!-font-size-16" data-testid={`interviewers-${period}`}>
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Interviewer</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Attempts</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Hours working</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Attempts per hour</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Contacts</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Completes</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Refusals (share of contacts)</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Average interview (minutes)</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Appointments kept</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Appointments missed</th>
            {period === "today" && <th scope="col" className="govuk-table__header">Holding now</th>}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => {
            const f = r[period];
            return (
              <tr className="govuk-table__row" key={r.interviewerId}>
                <th scope="row" className="govuk-table__header">{r.name}</th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.attempts}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.hoursWorking.toFixed(1)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{one(f.attemptsPerHour)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.contacts}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.completes}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.refusals} ({pct(f.refusalShare)})</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{one(f.averageInterviewMinutes)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.appointmentsKept}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{f.appointmentsMissed}</td>
                {period === "today" && (
                  <td className="govuk-table__cell">
                    {r.held ? (
                      <>
                        {r.held.sample}, {r.held.cell}: {r.held.minutes} min
                        <ReleaseCaseForm caseId={r.held.caseId} who={r.name} />
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
