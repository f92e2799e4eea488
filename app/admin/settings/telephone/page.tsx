import { TelephoneSettingsForm } from "@/components/cati/TelephoneSettingsForm";
import { requireRole } from "@/lib/auth/session";
import { getTelephoneSettingsPage } from "@/lib/cati/db/settings";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Telephone settings" });

export default staffPage(async function TelephoneSettingsPage() {
  await requireRole("settings:manage");
  const page = await getTelephoneSettingsPage();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Telephone settings</h1>
        <p className="govuk-body">
          The rules for calling clients: when, how often, and when to try again. Changes apply to the next case an interviewer takes.
        </p>
        <TelephoneSettingsForm settings={page.settings} refusalConverterIds={page.refusalConverterIds} interviewers={page.interviewers} />
      </div>
    </div>
  );
});
