import { NewUserForm } from "@/components/admin/NewUserForm";
import { requireRole } from "@/lib/auth/session";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Add a user" });

export default staffPage(async function NewUserPage() {
  await requireRole("users:manage");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <NewUserForm />
      </div>
    </div>
  );
});
