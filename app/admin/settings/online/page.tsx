import { SettingsForm } from "@/components/admin/SettingsForm";
import { requireRole } from "@/lib/auth/session";
import { getFollowUpSettings } from "@/lib/cawi/follow-up";
import { FOLLOW_UP_FIELDS, followUpSettingsSchema } from "@/lib/cawi/follow-up-rules";
import { saveFollowUpSettingsAction } from "./actions";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Online survey settings" });

const LABELS = {
  reminderAfterDays: { label: "Days before each reminder", hint: "Counted from the invitation, then from the previous reminder.", width: "3", numeric: true },
  maxReminders: { label: "Number of reminders", hint: "Sent only to people who have not completed or refused. 0 sends none.", width: "3", numeric: true },
  switchGraceDays: {
    label: "Days after the last reminder before a mixed-mode case is telephoned",
    hint: "Online cases of a mixed sample with a telephone number then join the telephone queue.",
    width: "3",
    numeric: true,
  },
} as const;

export default staffPage(async function OnlineSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("settings:manage");
  return (
    <SettingsForm
      title="Online survey settings"
      lead="Reminders and the switch to the telephone for online invitations. The follow-up runs every 10 minutes; changes apply at its next run."
      fields={FOLLOW_UP_FIELDS}
      labels={LABELS}
      schema={followUpSettingsSchema}
      current={await getFollowUpSettings()}
      query={await searchParams}
      action={saveFollowUpSettingsAction}
    />
  );
});
