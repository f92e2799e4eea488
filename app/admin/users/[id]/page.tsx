import { cache } from "react";
import { notFound } from "next/navigation";
import { EditUserForm } from "@/components/admin/EditUserForm";
import { requireRole } from "@/lib/auth/session";
import { pageParams, uuidParams } from "@/lib/http/params";
import { getUser } from "@/lib/users/manage";
import { recordMetadata, staffPage } from "@/lib/http/page";

// One read per request: the title (generateMetadata) and the page share it.
const findUser = cache((userId: string) => getUser({ userId }));

export const generateMetadata = recordMetadata(uuidParams, "Change a user", ({ id }) => findUser(id));

export default staffPage(async function EditUserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("users:manage");
  const { id } = await pageParams(uuidParams, params);
  const user = await findUser(id);
  if (!user) notFound();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <EditUserForm user={user} />
      </div>
    </div>
  );
});
