import { SamplingSettingsForm } from "@/components/sampling/SamplingSettingsForm";
import { requireRole } from "@/lib/auth/session";
import { getSamplingSettings } from "@/lib/sampling/db/settings";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Sampling settings" });

export default staffPage(async function SamplingSettingsPage() {
  await requireRole("settings:manage");
  const current = await getSamplingSettings();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sampling settings</h1>
        <SamplingSettingsForm current={current} />
      </div>
    </div>
  );
});
