import type { Metadata } from "next";
import { Button, ErrorSummary, TextInput } from "@/components/govuk";
import { requireRole } from "@/lib/auth/session";
import { getFeedbackSettings } from "@/lib/feedback/settings";
import { FEEDBACK_SETTING_FIELDS, feedbackSettingsSchema } from "@/lib/feedback/settings-schema";
import { saveFeedbackSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Real-time feedback settings" };

const LABELS = {
  delayMinutes: { label: "Minutes after a contact before the client is asked", hint: "The request job runs every minute.", width: "3" },
  frequencyCapDays: { label: "Days before the same client can be asked again", hint: "Nobody is asked after every contact. 0 asks after every contact.", width: "3" },
  lowRatingThreshold: { label: "Ratings at or below this open a follow-up", hint: "Ratings are 1 (very poor) to 5 (very good). A request to be called back always opens one.", width: "2" },
  workingDayStart: { label: "Working day starts", hint: "24-hour time, such as 09:00", width: "5" },
  workingDayEnd: { label: "Working day ends", hint: "24-hour time, such as 17:00", width: "5" },
  dueWorkingDays: { label: "Working days to follow up", hint: "Weekends and England and Wales bank holidays are skipped.", width: "3" },
} as const;

export default async function FeedbackSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("settings:manage");
  const query = await searchParams;
  const current = await getFeedbackSettings();
  const typed = query.invalid ? Object.fromEntries(FEEDBACK_SETTING_FIELDS.map((f) => [f, query[f] ?? ""])) : null;
  const errors: Record<string, string> = {};
  if (typed) for (const issue of feedbackSettingsSchema.safeParse(typed).error?.issues ?? []) errors[String(issue.path[0])] ??= issue.message;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {Object.keys(errors).length > 0 && <ErrorSummary errors={FEEDBACK_SETTING_FIELDS.filter((f) => errors[f]).map((f) => ({ field: f, message: errors[f]! }))} />}
        {query.saved && (
          <div className="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="saved-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="saved-title">Success</h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">Real-time feedback settings saved</p>
            </div>
          </div>
        )}
        <h1 className="govuk-heading-l">Real-time feedback settings</h1>
        <p className="govuk-body">When clients are asked to rate a contact, and when a follow-up is due. Changes apply to requests and follow-ups from now on.</p>
        <form action={saveFeedbackSettingsAction} method="post" noValidate>
          {FEEDBACK_SETTING_FIELDS.map((f) => (
            <TextInput key={f} id={f} name={f} label={LABELS[f].label} hint={LABELS[f].hint} error={errors[f]} width={LABELS[f].width} inputMode={f.startsWith("working") ? undefined : "numeric"} defaultValue={typed ? typed[f] : String(current[f])} />
          ))}
          <Button>Save settings</Button>
        </form>
      </div>
    </div>
  );
}
