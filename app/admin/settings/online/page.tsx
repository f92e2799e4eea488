import type { Metadata } from "next";
import { Button, ErrorSummary, TextInput } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { getFollowUpSettings } from "@/lib/cawi/follow-up";
import { FOLLOW_UP_FIELDS, followUpSettingsSchema } from "@/lib/cawi/follow-up-rules";
import { saveFollowUpSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Online survey settings" };

const LABELS = {
  reminderAfterDays: { label: "Days before each reminder", hint: "Counted from the invitation, then from the previous reminder." },
  maxReminders: { label: "Number of reminders", hint: "Sent only to people who have not completed or refused. 0 sends none." },
  switchGraceDays: { label: "Days after the last reminder before a mixed-mode case is telephoned", hint: "Online cases of a mixed sample with a telephone number then join the telephone queue." },
} as const;

export default async function OnlineSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("settings:manage");
  const query = await searchParams;
  const current = await getFollowUpSettings();
  const typed = query.invalid ? Object.fromEntries(FOLLOW_UP_FIELDS.map((f) => [f, query[f] ?? ""])) : null;
  const errors: Record<string, string> = {};
  if (typed) for (const issue of followUpSettingsSchema.safeParse(typed).error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {Object.keys(errors).length > 0 && <ErrorSummary errors={FOLLOW_UP_FIELDS.filter((f) => errors[f]).map((f) => ({ field: f, message: errors[f]! }))} />}
        {query.saved && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="saved-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="saved-title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Online survey settings saved</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Online survey settings</h1>
        <p className="govuk-body">Reminders and the switch to the telephone for online invitations. The follow-up runs every 10 minutes; changes apply at its next run.</p>
        <form action={saveFollowUpSettingsAction} method="post" noValidate>
          {FOLLOW_UP_FIELDS.map((f) => (
            <TextInput key={f} id={f} name={f} label={LABELS[f].label} hint={LABELS[f].hint} error={errors[f]} inputMode="numeric" className="govuk-input--width-3" defaultValue={typed ? typed[f] : String(current[f])} />
          ))}
          <Button>Save settings</Button>
        </form>
      </div>
    </div>
  );
}
