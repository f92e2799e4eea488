import { dispositionWords, OUTCOMES, type CallOutcome } from "@/lib/cati";
import { WEB_OUTCOME_LABELS } from "@/lib/cawi/outcome-labels";
import type { CaseScreen } from "@/lib/cati/db/case-screen";
import { formatWeekdayDateTime } from "@/lib/format";
import { Table } from "@/components/govuk/Table";

const outcomeLabel = (o: string | null, open: boolean) =>
  o === null ? (open ? "In progress" : "No outcome recorded (hold expired)") : (OUTCOMES[o as CallOutcome]?.label ?? WEB_OUTCOME_LABELS[o] ?? o);

export function AttemptHistory({ history }: { history: CaseScreen["history"] }) {
  if (history.length === 0) return <p className="govuk-body">No calls yet.</p>;
  const last = history.length - 1;
  return (
    <Table
      caption="Call history"
      rows={history}
      rowKey={(a) => a.id}
      columns={[
        { header: "Call", cell: (_, i) => i + 1 },
        { header: "Started (UK time)", cell: (a) => formatWeekdayDateTime(a.startedAt) },
        { header: "Interviewer", cell: (a) => a.interviewer },
        {
          header: "Outcome",
          cell: (a, i) => (
            <>
              {outcomeLabel(a.outcome, i === last && a.endedAt === null)}
              {a.appointmentAt && <> for {formatWeekdayDateTime(a.appointmentAt)}</>}
            </>
          ),
        },
        { header: "Disposition", cell: (a) => (a.disposition ? dispositionWords(a.disposition) : "") },
      ]}
    />
  );
}
