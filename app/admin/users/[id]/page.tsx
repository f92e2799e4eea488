import { notFound } from "next/navigation";
import { EditUserForm } from "@/components/admin/EditUserForm";
import { requireRole } from "@/lib/auth/session";
import { pageParams, uuidParams } from "@/lib/http/params";
import { getUser } from "@/lib/users/manage";
import { staffMetadata, staffPage } from "@/lib/http/page";

export const generateMetadata = staffMetadata({ title: "Change a user" });

export default staffPage(async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("users:manage");
  const { id } = await pageParams(uuidParams, params);
  const user = await getUser({ userId: id });
  if (!user) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <EditUserForm user={user} />
      </div>
    </div>
  );
});
