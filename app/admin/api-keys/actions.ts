"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { currentTime } from "@/lib/clock";
import type { ActionResult } from "@/lib/errors";
import { createApiKey, createApiKeySchema, revokeApiKey, revokeApiKeySchema } from "@/lib/feedback/api-keys";
import { runAction } from "@/lib/http/action";
import { formDataOf } from "@/lib/http/form-data";

/** A plain form post; the key comes back in the action's state, shown once on the page that answers the post. */
export async function createApiKeyAction(
  _prev: ActionResult<{ name: string; key: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ name: string; key: string }>> {
  const admin = await requireRole("apikeys:manage");
  return runAction(createApiKeySchema, { name: formDataOf(formData).get("name") ?? "", scopes: formDataOf(formData).getAll("scopes") }, async (input) => {
    const { key } = await createApiKey({ actorId: admin.id, input, now: currentTime() });
    revalidatePath("/admin/api-keys");
    return { name: input.name, key };
  });
}

export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  const admin = await requireRole("apikeys:manage");
  const result = await runAction(revokeApiKeySchema, { keyId: formDataOf(formData).get("keyId") }, async ({ keyId }) =>
    revokeApiKey({ actorId: admin.id, keyId, now: currentTime() }),
  );
  redirect(result.ok ? "/admin/api-keys?revoked=1" : "/admin/api-keys?error=revoke");
}
