"use server";
import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { ROLE_HOME } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/errors";
import { runAction } from "@/lib/http/action";
import { formFields } from "@/lib/http/form-data";
import { changeOwnPassword } from "@/lib/users/manage";
import { changePasswordSchema } from "@/lib/users/schemas";

/** Changing one's own password: a plain form (works without JavaScript); done, it goes on to the person's home page. */
export async function changePasswordAction(_prev: ActionResult<undefined> | null, formData: FormData): Promise<ActionResult<undefined>> {
  const user = await requireRole("account:self");
  const result = await runAction(changePasswordSchema, formFields(formData), async (data) => {
    await changeOwnPassword({ userId: user.id, sessionId: user.sessionId, input: data });
    return undefined;
  });
  if (result.ok) redirect(ROLE_HOME[user.role]);
  return result;
}
