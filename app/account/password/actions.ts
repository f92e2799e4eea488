"use server";
import { requireRole } from "@/lib/auth/session";
import { runAction } from "@/lib/http/action";
import { changeOwnPassword } from "@/lib/users/manage";
import { changePasswordSchema } from "@/lib/users/schemas";

export async function changePasswordAction(input: unknown) {
  const user = await requireRole("account:self");
  return runAction(changePasswordSchema, input, async (data) => {
    await changeOwnPassword({ userId: user.id, sessionId: user.sessionId, input: data });
    return undefined;
  });
}
