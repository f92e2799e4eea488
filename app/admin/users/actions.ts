"use server";
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { createUser, resetUserPassword, setUserActive } from "@/lib/users/manage";
import { createUserSchema, setUserActiveSchema, userIdSchema } from "@/lib/users/schemas";

export async function createUserAction(input: unknown) {
  const admin = await requireRole("users:manage");
  return runAction(createUserSchema, input, async (data) => {
    const { user, temporaryPassword } = await createUser({ actorId: admin.id, input: data });
    revalidatePath("/admin/users");
    return { email: user.email, temporaryPassword };
  });
}

export async function setUserActiveAction(input: unknown) {
  const admin = await requireRole("users:manage");
  return runAction(setUserActiveSchema, input, async (data) => {
    await setUserActive({ actorId: admin.id, input: data });
    revalidatePath("/admin/users");
    return undefined;
  });
}

export async function resetUserPasswordAction(input: unknown) {
  const admin = await requireRole("users:manage");
  return runAction(userIdSchema, input, async (data) => {
    const result = await resetUserPassword({ actorId: admin.id, input: data });
    revalidatePath("/admin/users");
    return result;
  });
}
