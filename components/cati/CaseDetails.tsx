import { CONTACT_REASON_LABELS } from "@/components/questionnaire/labels";
import { dispositionWords } from "@/lib/cati";
import type { CaseScreen } from "@/lib/cati/db/case-screen";
import type { ContactReason } from "@/lib/questionnaire";
import { formatMonth, formatWeekdayDateTime } from "@/lib/format";
import { CLIENT_ROLE_LABELS, type ClientRole } from "@/lib/interchange/codes";
import { SummaryList } from "@/components/govuk/SummaryList";

/** The fills the interviewer reads from (role, contact reason and month) and where the case stands. */
export function CaseDetails({ c }: { c: CaseScreen }) {
  const rows: [string, string][] = [
    ["Survey", c.sampleLabel],
    // Personal: this screen is shown only to the interviewer holding the case.
    ["Client's name", c.clientName ?? "Not on the frame: ask for the client by their role"],
    ["Client's role", CLIENT_ROLE_LABELS[c.role as ClientRole] ?? c.role],
    ["Reason for contact", CONTACT_REASON_LABELS[c.contactReason as ContactReason] ?? c.contactReason],
    ["Month of contact", formatMonth(c.month)],
    ["Calls so far", `${c.attempts} of at most ${c.maxAttempts}`],
    ["Disposition now", dispositionWords(c.disposition)],
  ];
  if (c.appointmentAt) rows.push(["Appointment", `${formatWeekdayDateTime(c.appointmentAt)} (UK time)`]);
  if (c.refusalConversion) rows.push(["Refusal conversion", "The client refused softly before: this call tries to convert the refusal"]);
  return <SummaryList rows={rows.map(([key, value]) => ({ key, value }))} />;
}
