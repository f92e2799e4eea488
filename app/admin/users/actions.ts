"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runAction, runFormAction, type FormResult } from "@/lib/http/action";
import { redirect } from "next/navigation";
import { createUser, resetUserPassword, setUserActive, updateUser } from "@/lib/users/manage";
import { confirmUserChangeSchema, createUserSchema, updateUserSchema } from "@/lib/users/schemas";
import type { ActionResult } from "@/lib/errors";
import { formFields } from "@/lib/http/form-data";

/** The user form's fields a form sent back with errors shows again (add and change). */
const USER_FIELDS = ["name", "email", "role"] as const;

/** Adding a user: a plain form (works without JavaScript); the temporary password is shown once, in the answer to the post. */
export async function createUserAction(
  _prev: FormResult<{ email: string; temporaryPassword: string }> | null,
  formData: FormData,
): Promise<FormResult<{ email: string; temporaryPassword: string }>> {
  const admin = await requireRole("users:manage");
  return runFormAction(createUserSchema, formData, USER_FIELDS, async (data) => {
    const { user, temporaryPassword } = await createUser({ actorId: admin.id, input: data });
    revalidatePath("/admin/users");
    return { email: user.email, temporaryPassword };
  });
}

/** The confirmed change of the users page (a plain form: works without JavaScript). */
export async function confirmUserChangeAction(
  _prev: ActionResult<{ temporaryPassword?: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ temporaryPassword?: string }>> {
  const admin = await requireRole("users:manage");
  return runAction(confirmUserChangeSchema, formFields(formData), async ({ userId, change }) => {
    if (change === "reset") {
      const { temporaryPassword } = await resetUserPassword({ actorId: admin.id, input: { userId } });
      revalidatePath("/admin/users");
      return { temporaryPassword };
    }
    await setUserActive({ actorId: admin.id, input: { userId, active: change === "reactivate" } });
    revalidatePath("/admin/users");
    return {};
  });
}

/** The user change page's form (issue 18): a plain form, so it works without JavaScript. */
export async function updateUserAction(_prev: FormResult<undefined> | null, formData: FormData): Promise<FormResult<undefined>> {
  const admin = await requireRole("users:manage");
  return runFormAction(updateUserSchema, formData, USER_FIELDS, async (input) => {
    const { changed } = await updateUser({ actorId: admin.id, input });
    revalidatePath("/admin/users");
    redirect(`/admin/users?${new URLSearchParams({ updated: input.userId, changed: changed.join(",") || "nothing" })}`);
  });
}
