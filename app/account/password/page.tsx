import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { requireRole } from "@/lib/auth/session";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Change your password" });

export default staffPage(async function ChangePasswordPage() {
  const user = await requireRole("account:self");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ChangePasswordForm mustChange={user.mustChangePassword} />
      </div>
    </div>
  );
});
