import { DISPOSITIONS, isDispositionCode, OUTCOMES, type CallOutcome } from "@/lib/cati";
import { WEB_OUTCOME_LABELS } from "@/lib/cawi/outcome-labels";
import type { CaseScreen } from "@/lib/cati/db/case-screen";
import { formatWeekdayDateTime } from "@/lib/format";

const outcomeLabel = (o: string | null, open: boolean) =>
  o === null ? (open ? "In progress" : "No outcome recorded (hold expired)") : (OUTCOMES[o as CallOutcome]?.label ?? WEB_OUTCOME_LABELS[o] ?? o);

export function AttemptHistory({ history }: { history: CaseScreen["history"] }) {
  if (history.length === 0) return <p className="govuk-body">No calls yet.</p>;
  const last = history.length - 1;
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">Call history</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">Call</th>
          <th scope="col" className="govuk-table__header">Started (UK time)</th>
          <th scope="col" className="govuk-table__header">Interviewer</th>
          <th scope="col" className="govuk-table__header">Outcome</th>
          <th scope="col" className="govuk-table__header">Disposition</th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {history.map((a, i) => (
          <tr className="govuk-table__row" key={a.id}>
            <td className="govuk-table__cell">{i + 1}</td>
            <td className="govuk-table__cell">{formatWeekdayDateTime(a.startedAt)}</td>
            <td className="govuk-table__cell">{a.interviewer}</td>
            <td className="govuk-table__cell">
              {outcomeLabel(a.outcome, i === last && a.endedAt === null)}
              {a.appointmentAt && <> for {formatWeekdayDateTime(a.appointmentAt)}</>}
            </td>
            <td className="govuk-table__cell">
              {a.disposition ? `${a.disposition}${isDispositionCode(a.disposition) ? ` ${DISPOSITIONS[a.disposition].label}` : ""}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
