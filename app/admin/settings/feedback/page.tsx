import { SettingsForm } from "@/components/admin/SettingsForm";
import { requireRole } from "@/lib/auth/session";
import { getFeedbackSettings } from "@/lib/feedback/settings";
import { FEEDBACK_SETTING_FIELDS, feedbackSettingsSchema } from "@/lib/feedback/settings-schema";
import { saveFeedbackSettingsAction } from "./actions";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Real-time feedback settings" });

const LABELS = {
  delayMinutes: { label: "Minutes after a contact before the client is asked", hint: "The request job runs every minute.", width: "3", numeric: true },
  frequencyCapDays: {
    label: "Days before the same client can be asked again",
    hint: "Nobody is asked after every contact. 0 asks after every contact.",
    width: "3",
    numeric: true,
  },
  lowRatingThreshold: {
    label: "Ratings at or below this open a follow-up",
    hint: "Ratings are 1 (very poor) to 5 (very good). A request to be called back always opens one.",
    width: "2",
    numeric: true,
  },
  workingDayStart: { label: "Working day starts", hint: "24-hour time, such as 09:00", width: "5", numeric: false },
  workingDayEnd: { label: "Working day ends", hint: "24-hour time, such as 17:00", width: "5", numeric: false },
  dueWorkingDays: { label: "Working days to follow up", hint: "Weekends and England and Wales bank holidays are skipped.", width: "3", numeric: true },
} as const;

export default staffPage(async function FeedbackSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("settings:manage");
  return (
    <SettingsForm
      title="Real-time feedback settings"
      lead="When clients are asked to rate a contact, and when a follow-up is due. Changes apply to requests and follow-ups from now on."
      fields={FEEDBACK_SETTING_FIELDS}
      labels={LABELS}
      schema={feedbackSettingsSchema}
      current={await getFeedbackSettings()}
      query={await searchParams}
      action={saveFeedbackSettingsAction}
    />
  );
});
