import { dispositionWords, OUTCOMES } from "@/lib/cati";
import type { CallOutcome } from "@/lib/cati/outcomes";
import { formatAppointment, formatWeekdayDateTime } from "@/lib/format";

export interface NoticeParams {
  notice?: string;
  /** the outcome the interviewer chose */
  outcome?: string;
  disposition?: string;
  final?: string;
  opens?: string;
  /** an appointment just booked (ISO instant) */
  appointment?: string;
}

/** "Break-off (2.12)": the words first, the AAPOR code beside them. */
const describe = (code?: string) => (code ? dispositionWords(code) : code);
const isOutcome = (o?: string): o is CallOutcome => o !== undefined && Object.hasOwn(OUTCOMES, o);

function when(iso?: string): string | undefined {
  const d = iso ? new Date(iso) : undefined;
  return d && !Number.isNaN(d.getTime()) ? formatAppointment(d) : undefined;
}

/** What happened last, after a redirect back to the Next case page (GOV.UK notification banner). */
export function Notice({ notice, outcome, disposition, final, opens, appointment }: NoticeParams) {
  if (!notice) return null;
  const success = notice === "complete" || notice === "recorded" || notice === "broken-off" || notice === "quota-full";
  const booked = when(appointment);
  const chosen = isOutcome(outcome) ? `${OUTCOMES[outcome].label} (${OUTCOMES[outcome].disposition})` : describe(disposition);
  const text: Record<string, { title: string; body: string }> = {
    complete: { title: "Interview complete", body: `Thank you. The case is now ${describe(disposition)}.` },
    recorded: booked
      ? { title: `Appointment booked for ${booked}`, body: `UK time. The case comes back to you then. Recorded as ${chosen}.` }
      : {
          title: "Call recorded",
          body: `Recorded as ${chosen}. The case ${final === "true" ? `is finished: ${describe(disposition)}` : "will be called again"}.`,
        },
    "broken-off": booked
      ? {
          title: `Appointment booked for ${booked}`,
          body: `UK time. The answers are kept and the interview carries on from the same question then. The case is now ${describe(disposition)}.`,
        }
      : {
          title: "Break-off recorded",
          body: `The answers are kept. The case is now ${describe(disposition)}${final === "true" ? " and is finished" : "; the interview resumes at the next contact"}.`,
        },
    "quota-full": {
      title: "Quota full: close the call politely",
      body: `Say: "Thank you for your time. We have already spoken to enough people in your group, so we do not need to ask you any more questions." The case is now ${describe(disposition)} and is finished.`,
    },
    closed: {
      title: "Outside calling hours",
      body: `No cases are offered now. Calling opens again ${opens ? formatWeekdayDateTime(new Date(opens)) : "at the next calling time"} (UK time).`,
    },
    "nothing-due": { title: "No case is due", body: "There is no case to call at the moment. Try again later." },
  };
  const t = text[notice];
  if (!t) return null;
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notice-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notice-title">
          {success ? "Success" : "Important"}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{t.title}</p>
        <p className="govuk-body">{t.body}</p>
      </div>
    </div>
  );
}
